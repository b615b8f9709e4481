"""Running the analysis over documents: reading inputs and writing outputs (:mod:`.io`),
one process (:mod:`.local`), worker processes forked from it (:mod:`.workers`), a Dask
cluster (:mod:`.dask`, with the ``dask`` extra), and the progress line (:mod:`.progress`).

May import: :mod:`quotes.nlp`, :mod:`quotes.extract`, :mod:`quotes.model`,
:mod:`quotes.errors` and :mod:`quotes.batches`. Not what reports or serves analyses, nor
:mod:`quotes.pipeline` (the library's entry points, which call this) or the CLI.
"""
