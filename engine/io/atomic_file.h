// SPDX-License-Identifier: GPL-3.0-or-later
// SPDX-FileCopyrightText: 2026 The NormScope authors

#pragma once

#include <functional>
#include <ostream>
#include <string>

namespace normscope {

/// Writes one file so that a failure leaves any old file untouched and no half-written file behind:
/// a single StagedOutputs entry (see there for how destinations are checked and what is kept).
/// Throws normscope::Error naming the path and the system's reason on any failure. If `write`
/// throws, nothing is left behind and the exception propagates unchanged; `write` may also signal
/// failure by setting the stream's failbit or badbit.
void writeFileAtomically(const std::string& path, const std::function<void(std::ostream&)>& write);

} // namespace normscope
