// SPDX-License-Identifier: GPL-3.0-or-later
// SPDX-FileCopyrightText: 2026 The NormScope authors

#pragma once

#include <atomic>
#include <string>

namespace normscope {

/**
 * What a signal must undo while outputs are being written: staging files to remove, and files moved
 * aside during a commit to move back. StagedOutputs registers each path for as long as it exists.
 *
 * installSignalCleanup() makes SIGINT, SIGTERM, SIGHUP and SIGQUIT undo every registration and
 * then end the process by the same signal, and ignores SIGXFSZ so that a write past the file size
 * limit fails with EFBIG (a write error with the system's reason) instead of killing the process.
 * Programs that write files call it once at start-up, on the thread that writes them.
 */
void installSignalCleanup();

/// One registration; the handler reads it without locks or allocation.
class SignalCleanup {
public:
    /// On a signal: remove `path`, or, when restoreTo is not empty, rename `path` to `restoreTo` and
    /// remove `path` if it is still there (a hard link of restoreTo, which rename leaves alone).
    /// Register before the file exists: signals reach OpenMP's threads too, so no mask can close the
    /// gap between creating a file and registering it afterwards.
    /// Once *committed is true, a restore registration only removes `path`: the commit is whole.
    explicit SignalCleanup(std::string path, std::string restoreTo = {}, const std::atomic<bool>* committed = nullptr);
    ~SignalCleanup();
    SignalCleanup(const SignalCleanup&) = delete;
    SignalCleanup& operator=(const SignalCleanup&) = delete;

    struct Entry; ///< opaque: read by the signal handler

private:
    Entry* entry_;
    int slot_ = -1;
};

} // namespace normscope
