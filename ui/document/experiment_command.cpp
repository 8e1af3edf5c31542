// SPDX-License-Identifier: GPL-3.0-or-later
// SPDX-FileCopyrightText: 2026 The NormScope authors

#include "ui/document/experiment_command.h"

#include "ui/document/document.h"

namespace normscope::ui {

ExperimentCommand::ExperimentCommand(Document* document, const QString& text, Experiment before, Experiment after,
                                     int mergeKey, quint64 mergeSerial)
    : QUndoCommand(text),
      document_(document),
      before_(std::move(before)),
      after_(std::move(after)),
      mergeKey_(mergeKey),
      mergeSerial_(mergeSerial)
{}

void ExperimentCommand::undo()
{
    document_->setExperiment(before_);
}

void ExperimentCommand::redo()
{
    document_->setExperiment(after_);
}

int ExperimentCommand::id() const
{
    return mergeKey_ > 0 ? mergeKey_ : -1;
}

bool ExperimentCommand::mergeWith(const QUndoCommand* other)
{
    const auto* o = dynamic_cast<const ExperimentCommand*>(other);
    if (!o || o->mergeKey_ != mergeKey_ || o->mergeSerial_ != mergeSerial_)
        return false;
    after_ = o->after_;
    return true;
}

} // namespace normscope::ui
