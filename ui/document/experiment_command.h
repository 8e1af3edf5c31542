// SPDX-License-Identifier: GPL-3.0-or-later
// SPDX-FileCopyrightText: 2026 The NormScope authors

#pragma once

#include "ui/document/experiment.h"

#include <QUndoCommand>

namespace normscope::ui {

class Document;

/**
 * One user edit as an undo step: the whole experiment before and after (cheap: a loaded tensor is
 * shared). Commands with the same non-zero mergeKey and merge serial join, so one slider drag is
 * one step; Document::endMerge() starts a new serial when the drag ends.
 */
class ExperimentCommand : public QUndoCommand {
public:
    ExperimentCommand(Document* document, const QString& text, Experiment before, Experiment after, int mergeKey = 0,
                      quint64 mergeSerial = 0);

    void undo() override;
    void redo() override;
    int id() const override;
    bool mergeWith(const QUndoCommand* other) override;

    const Experiment& before() const { return before_; }
    const Experiment& after() const { return after_; }

private:
    Document* document_;
    Experiment before_;
    Experiment after_;
    int mergeKey_;
    quint64 mergeSerial_;
};

} // namespace normscope::ui
