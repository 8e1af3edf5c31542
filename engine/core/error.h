// SPDX-License-Identifier: GPL-3.0-or-later
// SPDX-FileCopyrightText: 2026 The NormScope authors

#pragma once

#include <stdexcept>
#include <string>

namespace normscope {

/// A refusal the user can act on: a spec PyTorch would refuse, a malformed file, a shape that does
/// not fit. The message names the offending values. Program errors use other exception types.
class Error : public std::runtime_error {
public:
    explicit Error(const std::string& message) : std::runtime_error(message) {}
};

} // namespace normscope
