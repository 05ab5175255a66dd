"""Texts of whole columns made with Arrow compute (the XLSX and JSON
writers of :mod:`graphkit.io.xlsx` and :mod:`graphkit.io.tables`): Python's
``repr`` of floats without a Python call per value, and the bytes of a
joined block."""
from __future__ import annotations

import numpy as np
import pyarrow as pa
import pyarrow.compute as pc

TEXT = pa.large_string()


def scalar(text: str) -> pa.Scalar:
    return pa.scalar(text, TEXT)


EMPTY = scalar("")
_POINT_ZERO = scalar(".0")


def arrow_array(values) -> pa.Array:
    """A pandas (extension) array as one Arrow array, its chunks joined."""
    values = pa.array(values)
    return values.combine_chunks() if isinstance(values, pa.ChunkedArray) \
        else values


def whole_digits(values: np.ndarray) -> tuple[np.ndarray, pa.Array]:
    """Which float64 ``values`` are whole numbers below 2**53 (but -0.0),
    and the text of each as ``repr`` and numpy write those: the integer's
    digits then ``.0`` (the other values hold ``0.0``; the caller writes
    them)."""
    whole = (np.abs(values) < 2.0 ** 53) & (values == np.trunc(values)) \
        & ~((values == 0) & np.signbit(values))
    return whole, pc.binary_join_element_wise(
        pc.cast(pa.array(np.where(whole, values, 0).astype(np.int64)), TEXT),
        _POINT_ZERO, EMPTY)


def float_reprs(values: np.ndarray) -> pa.Array:
    """``repr(float(v))`` of each finite ``v`` of ``values`` (any float
    dtype: a float32 is its float64, as ``tolist()`` gives it).

    A whole number below 2**53 (but -0.0) is its integer's digits then
    ``.0``; a number of 1e-4 to 1e16 that is not whole is Arrow's shortest
    text when Arrow writes it without an exponent (the same shortest
    digits, placed as ``repr`` places them); any other value (exponents,
    -0.0, larger numbers) through ``repr`` itself."""
    values = np.asarray(values, dtype=np.float64)
    size = np.abs(values)
    whole, digits = whole_digits(values)
    if whole.all():
        return digits
    plain = ~whole & (size >= 1e-4) & (size < 1e16)
    shortest = pc.cast(pa.array(np.where(plain, values, 0.5)), TEXT)
    plain &= ~np.asarray(pc.match_substring(shortest, "e"))
    text = pc.if_else(pa.array(whole), digits, shortest)
    rest = ~(whole | plain)
    if rest.any():
        text = pc.replace_with_mask(
            text, pa.array(rest),
            pa.array([v.__repr__() for v in values[rest].tolist()], TEXT))
    return text


def holds(text: pa.Array, *codes: int) -> bool:
    """Whether the data of ``text`` holds any of the bytes ``codes``."""
    data = data_bytes(text)
    return any(bool((data == c).any()) for c in codes)


def holds_below(text: pa.Array, code: int) -> np.ndarray:
    """Which bytes below ``code`` the data of ``text`` holds."""
    data = data_bytes(text)
    return np.unique(data[data < code])


def offsets_and_data(text: pa.Array) -> tuple[np.ndarray, np.ndarray]:
    """The offsets (``len(text) + 1``, into the data) and the whole data
    buffer of ``text`` (a string array; cast to large_string first when its
    offsets are 32-bit), without a copy."""
    if text.type != TEXT:  # 64-bit offsets read below
        text = text.cast(TEXT)
    offsets = np.frombuffer(text.buffers()[1], np.int64,
                            count=len(text) + 1, offset=8 * text.offset)
    data = text.buffers()[2]
    return offsets, (np.frombuffer(data, np.uint8) if data is not None
                     else np.zeros(0, np.uint8))


def data_bytes(text: pa.Array) -> np.ndarray:
    """The UTF-8 bytes of all values of ``text`` (a null holds none), back
    to back, without a copy."""
    offsets, data = offsets_and_data(text)
    return data[offsets[0]:offsets[-1]] if len(data) else data
