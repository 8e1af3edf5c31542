// SPDX-License-Identifier: GPL-3.0-or-later
// SPDX-FileCopyrightText: 2026 The NormScope authors

#pragma once

#include "ui/document/experiment.h"

#include <QUndoCommand>

#include <cstddef>

namespace normscope::ui {

class Document;

/**
 * One user edit as an undo step: the experiment before and after, without the large fields (gamma,
 * beta, the running buffers and their history) the edit left alone, which are taken from the
 * document when the step is undone or redone (a loaded tensor is shared anyway). Commands with the
 * same non-zero mergeKey and merge serial join, so one slider drag is one step;
 * Document::endMerge() starts a new serial when the drag ends.
 */
class ExperimentCommand : public QUndoCommand {
public:
    ExperimentCommand(Document* document, const QString& text, Experiment before, Experiment after, int mergeKey = 0,
                      quint64 mergeSerial = 0);

    void undo() override;
    void redo() override;
    int id() const override;
    bool mergeWith(const QUndoCommand* other) override;

    /// The values the step holds in its large fields (what it costs): 0 for an eps edit.
    std::size_t heldValues() const;

private:
    Document* document_;
    Experiment before_;
    Experiment after_;
    int mergeKey_;
    quint64 mergeSerial_;
    unsigned dropped_ = 0; ///< the large fields both sides leave to the document (bit per field)
};

} // namespace normscope::ui
