// SPDX-License-Identifier: GPL-3.0-or-later
// SPDX-FileCopyrightText: 2026 The NormScope authors
#pragma once

#include "engine/core/tensor.h"

#include <string>

namespace normscope {

/**
 * How NormScope writes a number: the one place, used by the CLI, the engine's messages and (through
 * ui/document/number_text.h) every view of the window. Digits come from std::to_chars, never from
 * a hand-written loop, and never depend on the locale.
 *
 * Layout of exact values (formatShortest, formatPythonFloat), chosen to read like Python's repr():
 *  - positional when the decimal exponent of the written digits is in [-4, 16): "0.3", "0.0001",
 *    "123456789.125", "100" (integral values get no ".0"; formatPythonFloat adds it);
 *  - scientific otherwise, as C's printf and Python write it: mantissa, 'e', sign, at least two
 *    exponent digits: "1e-05", "1.5e-05", "1e+20", "3.4028235e+38", "1e-100";
 *  - non-finite values as PyTorch prints them: "nan", "inf", "-inf" (a NaN's sign is not shown).
 * formatSignificant follows printf's "%g" instead (scientific below 1e-4 or from 10^digits up), which
 * is what the window's compact labels have always shown, and formatFixed printf's "%f".
 */

/// The shortest decimal that reads back to the same value in dtype: for Float32, v is rounded to
/// float first and the text is the shortest that strtof reads back to that float (0.3f -> "0.3",
/// 1/3f -> "0.33333334"); for Float64 the shortest that strtod reads back to v (0.1 + 0.2 ->
/// "0.30000000000000004"). The sign of zero is kept: -0.0 -> "-0". A double beyond float's range
/// asked for as Float32 becomes "inf"/"-inf", as the cast to float makes it.
std::string formatShortest(double v, DType dtype);

/// formatShortest as a Python float literal of the same value: "0.3", "1.0", "-0.0", "1e-05",
/// "1e+20"; "float('nan')", "float('inf')", "-float('inf')". torch.tensor() reads the literal as a
/// double and, for a float32 tensor, rounds it to float: both give back the value bit for bit.
std::string formatPythonFloat(double v, DType dtype);

/// Compact labels: at most `digits` significant digits (clamped to 1..17), printf's "%.*g" layout
/// with trailing zeros dropped: (2/3, 6) -> "0.666667", (1e-5, 6) -> "1e-05", (1234567, 4) ->
/// "1.235e+06". Zero of either sign is "0" (a label never needs "-0"); non-finite as above.
std::string formatSignificant(double v, int digits);

/// A measurement with a fixed number of decimals (clamped to 0..17), as printf's "%.*f": (2.0 / 3,
/// 2) -> "0.67", (3.0, 1) -> "3.0". Non-finite as above. For times and rates, and for torch's
/// print format (engine/report/torch_print.h), never for an exact value.
std::string formatFixed(double v, int decimals);

/// Scientific notation with a fixed number of decimals (clamped to 0..17), as printf's "%.*e" and
/// Python's "{:.4e}": (1e-5, 4) -> "1.0000e-05", (-123456, 2) -> "-1.23e+05". Non-finite as above.
std::string formatScientific(double v, int decimals);

} // namespace normscope
