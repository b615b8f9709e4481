"""Matrix products through numpy's BLAS, on one thread per process.

thinc multiplies its layers' matrices with blis unless told otherwise. The blis wheel
carries kernels for the processors it knows and a generic C loop for the others; on the
AMD EPYC (Zen 4) machines this project is measured on, blis multiplies at about 29
GFLOPS where numpy's OpenBLAS, on one thread, gives about 90. The two embeddings
(the shared ``tok2vec`` and the recognizer's own) are mostly such products, so
:func:`multiply_with_numpy` gives every layer of a pipeline thinc's own ``NumpyOps``
with blis switched off (``use_blis=False``, which hands ``gemm`` to ``numpy.dot``).
The parses and entities are the same: PolNeAR dev's 81,742 tokens get the same heads
and entities either way (``tests/test_blas.py`` compares the seed's), and the analysis
of PolNeAR dev takes about 30% less time.

The transition parsers' own small products, in spaCy's compiled decoder, still go
through blis: they cannot be reached from Python.

OpenBLAS starts a thread per core. Two threads made one process slower here (they wait
on each other for products this small), and with a worker process per core they would
compete for the cores: :func:`one_thread` limits this process to one, and the CLI and
the worker processes call it. A library caller's own process is left as it is.
"""

from __future__ import annotations

import logging
from typing import cast

from spacy.language import Language
from thinc.api import NumpyOps

from .layers import pipeline_layers
from .versions import verified

logger = logging.getLogger(__name__)


def multiply_with_numpy(nlp: Language) -> int:
    """Give each layer of ``nlp``'s components that multiplies with blis thinc's
    ``NumpyOps`` without it; return how many layers changed. Layers on other ops (a
    GPU's, Apple's) keep them, and all do on a thinc it was not verified on."""
    without_blis = NumpyOps(use_blis=False)
    changed = 0
    if not verified("matrix products through numpy"):
        return changed
    for layer in pipeline_layers(nlp):
        ops = layer.ops
        if type(ops) is NumpyOps and cast(NumpyOps, ops).use_blis:
            layer.ops = without_blis
            changed += 1
    return changed


def one_thread() -> None:
    """Limit the BLAS libraries of this process to one thread each."""
    from threadpoolctl import threadpool_limits

    threadpool_limits(limits=1, user_api="blas")
    logger.debug("BLAS limited to one thread")
