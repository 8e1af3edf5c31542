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
    /// Who refuses: PyTorch (the module or functional would raise for this spec and input) or
    /// NormScope (a limit of its own: files, sizes, counters, non-finite eps). Set where the error is
    /// raised, so that no message attributes NormScope's limits to PyTorch.
    enum class Source { NormScope, PyTorch };

    explicit Error(const std::string& message, Source source = Source::NormScope)
        : std::runtime_error(message),
          source_(source)
    {}

    Source source() const { return source_; }
    bool byPyTorch() const { return source_ == Source::PyTorch; }

private:
    Source source_;
};

/// An error PyTorch raises too (same condition; the message is PyTorch's or contains its key phrase).
inline Error pytorchError(const std::string& message)
{
    return Error(message, Error::Source::PyTorch);
}

} // namespace normscope
