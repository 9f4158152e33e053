"""Fuzz of decode → normalise → split → extract (issue 12) with a small, fixed budget; run
scripts/fuzz.py for long runs with fresh random inputs."""
from hypothesis import given, settings
from hypothesis import strategies as st

from . import fuzz_props as p

CI = settings(max_examples=100, deadline=None, derandomize=True, database=None)


@CI
@given(st.binary(max_size=600))
def test_decode_any_bytes(data):
    p.check_decode(data)


@CI
@given(st.text(p.CJK, min_size=20, max_size=200), st.integers(min_value=0))
def test_one_stray_byte_in_utf8_is_replaced_and_counted(chars, at):
    p.check_broken_utf8(chars, at)


@CI
@given(p.texts)
def test_normalise_and_split(raw):
    p.check_pipeline(raw)


@settings(max_examples=20, deadline=None, derandomize=True, database=None)
@given(p.short_texts)
def test_extract_short_texts(gaz, raw):
    p.check_extract(raw, gaz)
