"""The matching engine: pure Python, no Django. Normalisation of multilingual names,
dates and documents, comparison features with explanations, the batch cross-referencing
of files and the hit/no-hit index. Compiled by mypyc when built (see ``_native``)."""

from paccto.matching._native import use as _use_native

NATIVE = _use_native(__path__)
