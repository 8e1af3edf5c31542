// SPDX-License-Identifier: GPL-3.0-or-later
// SPDX-FileCopyrightText: 2026 The NormScope authors

#pragma once

#include "engine/core/shape.h"

#include <string>

namespace normscope {

/// The three keys of a .npy header, as written; nothing is checked beyond their syntax.
struct NpyHeader {
    std::string descr;
    bool fortranOrder = false;
    Shape shape;
};

/// Parses the Python dict literal numpy writes as a .npy header, e.g.
/// `{'descr': '<f4', 'fortran_order': False, 'shape': (2, 3), }` followed by padding. Tolerant of
/// key order, quote style, whitespace and trailing commas; strict about everything else: exactly the
/// keys 'descr', 'fortran_order' and 'shape', 'descr' a string, 'fortran_order' True or False, 'shape'
/// a tuple of non-negative integers whose product (ignoring zeros) fits in int64.
/// Throws normscope::Error with a one-line message (without the file name) on anything else.
NpyHeader parseNpyHeader(const std::string& text);

/// Text from a file made safe for a one-line message: printable ASCII kept, other bytes as \xNN,
/// cut after 40 characters.
std::string printableNpyText(const std::string& text);

/// The dict literal numpy itself writes for a C-ordered array, without padding or newline.
std::string formatNpyHeader(const std::string& descr, const Shape& shape);

} // namespace normscope
