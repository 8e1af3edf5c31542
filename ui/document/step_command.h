// SPDX-License-Identifier: GPL-3.0-or-later
// SPDX-FileCopyrightText: 2026 The NormScope authors

#pragma once

#include "ui/document/experiment.h"

#include <QUndoCommand>

#include <cstddef>
#include <cstdint>
#include <vector>

namespace normscope::ui {

class Document;

/**
 * A training step as an undo step. It keeps only what a step changes (the running buffers before and
 * after, num_batches_tracked, the history entries the step appended and a fresh batch's seed), not two
 * whole Experiments: those carry the whole history, so 10,000 steps kept O(steps^2) doubles (> 11 GB).
 * Undo and redo apply the change to the Document's current experiment, which the stack guarantees is
 * the state after (undo) or before (redo) this step.
 */
class StepCommand : public QUndoCommand {
public:
    StepCommand(Document* document, const QString& text, const Experiment& before, const Experiment& after);

    void undo() override;
    void redo() override;

    /// True when after differs from before only in what a StepCommand keeps; otherwise the step must be
    /// an ExperimentCommand.
    static bool describes(const Experiment& before, const Experiment& after);

    /// Bytes this command holds in its vectors (what memory it costs per step, for the tests).
    std::size_t storedBytes() const;

private:
    struct Buffers {
        std::vector<double> running_mean, running_var;
        std::int64_t num_batches_tracked = 0;
        std::uint64_t seed = 0;
    };

    Document* document_;
    /// The document's experiment with these buffers and the history as it was before the step.
    Experiment withBuffers(const Buffers& b) const;

    Buffers before_, after_;
    std::size_t historyBefore_ = 0; ///< history length before the step
    std::vector<std::vector<double>> meanAdded_, varAdded_;
};

} // namespace normscope::ui
