// SPDX-License-Identifier: GPL-3.0-or-later
// SPDX-FileCopyrightText: 2026 The NormScope authors

#include "engine/io/atomic_file.h"

#include "engine/io/staged_outputs.h"

namespace normscope {

void writeFileAtomically(const std::string& path, const std::function<void(std::ostream&)>& write)
{
    StagedOutputs output;
    output.stage(path, write);
    output.commit();
}

} // namespace normscope
