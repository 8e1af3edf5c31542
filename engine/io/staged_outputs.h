// SPDX-License-Identifier: GPL-3.0-or-later
// SPDX-FileCopyrightText: 2026 The NormScope authors

#pragma once

#include "engine/core/tensor.h"
#include "engine/io/signal_cleanup.h"

#include <atomic>
#include <functional>
#include <memory>
#include <optional>
#include <ostream>
#include <string>
#include <vector>

namespace normscope {

/**
 * Writes a command's output files all or nothing, the one mechanism behind every file NormScope
 * writes (writeFileAtomically is a single staged output).
 *
 * stage() checks the destination at once and writes the content completely to a staging file with
 * an unpredictable name, created exclusively in the destination's directory; commit() then renames
 * every staged file into place. Until commit() nothing at any destination has changed, and if a
 * rename fails during commit() the files already replaced are put back, so a command that fails
 * leaves every old file as it was. Signals (installSignalCleanup) undo the same way.
 *
 * Destinations: an existing symlink is written through to its target; a directory, device, FIFO
 * or socket is refused; a replaced file keeps its permissions. Every refusal is an Error naming the
 * path and, for a failed system call, the system's reason.
 */
class StagedOutputs {
public:
    using Writer = std::function<void(std::ostream&)>;

    StagedOutputs();
    StagedOutputs(const StagedOutputs&) = delete;
    StagedOutputs& operator=(const StagedOutputs&) = delete;
    ~StagedOutputs();

    /// Writes `write`'s output to a staging file for destination. Unless createDirectory is set, the
    /// destination's directory must exist; with it, missing directories are created by commit().
    /// Refuses a destination given twice, or used both as a file and as a directory to create.
    void stage(const std::string& destination, const Writer& write, bool createDirectory = false);
    template <typename T>
    void stageNpy(const std::string& destination, const Tensor<T>& tensor, bool createDirectory = false);
    void stageNpy(const std::string& destination, const AnyTensor& tensor, bool createDirectory = false);
    void stageText(const std::string& destination, const std::string& text, bool createDirectory = false);

    /// Creates missing directories and renames every staged file into place, or, on failure,
    /// restores what it had replaced and throws Error.
    void commit();

private:
    struct Entry;
    std::vector<std::unique_ptr<Entry>> entries_;
    bool committed_ = false;
    /// Read by the signal handler: once every rename is done, a signal no longer restores old files.
    std::atomic<bool> allRenamed_{false};
};

} // namespace normscope
