// SPDX-License-Identifier: GPL-3.0-or-later
// SPDX-FileCopyrightText: 2026 The NormScope authors

#include "ui/document/experiment_command.h"

#include "ui/document/document.h"

#include <iterator>

namespace normscope::ui {

namespace {

// The fields that can be large: gamma and beta of LayerNorm over (C,H,W) hold 200k values each, the
// history grows with every step. An edit of eps leaves them alone, and a hundred such steps holding
// both copies of them would hold hundreds of megabytes.
using Values = std::vector<double>;
using History = std::vector<Values>;
Values Experiment::*const kValues[] = {&Experiment::weight, &Experiment::bias, &Experiment::running_mean,
                                       &Experiment::running_var};
History Experiment::*const kHistories[] = {&Experiment::running_mean_history, &Experiment::running_var_history};
constexpr unsigned kHistoryBit = 1u << std::size(kValues);

/// Empties both when they are equal.
template <typename Field>
bool dropIfEqual(Field& before, Field& after)
{
    if (before != after)
        return false;
    Field().swap(before);
    Field().swap(after);
    return true;
}

/// Empties in both the large fields the edit did not change; bit k set: field k (values, then
/// histories) was emptied.
unsigned dropUnchanged(Experiment& before, Experiment& after)
{
    unsigned dropped = 0;
    for (std::size_t k = 0; k < std::size(kValues); ++k)
        if (dropIfEqual(before.*kValues[k], after.*kValues[k]))
            dropped |= 1u << k;
    for (std::size_t k = 0; k < std::size(kHistories); ++k)
        if (dropIfEqual(before.*kHistories[k], after.*kHistories[k]))
            dropped |= kHistoryBit << k;
    return dropped;
}

/// e with its emptied fields taken from current: the stack is linear, so when one side of a command
/// is applied the document holds the other, and an unchanged field is the same on both.
Experiment withDropped(Experiment e, unsigned dropped, const Experiment& current)
{
    for (std::size_t k = 0; k < std::size(kValues); ++k)
        if (dropped & (1u << k))
            e.*kValues[k] = current.*kValues[k];
    for (std::size_t k = 0; k < std::size(kHistories); ++k)
        if (dropped & (kHistoryBit << k))
            e.*kHistories[k] = current.*kHistories[k];
    return e;
}

} // namespace

ExperimentCommand::ExperimentCommand(Document* document, const QString& text, Experiment before, Experiment after,
                                     int mergeKey, quint64 mergeSerial)
    : QUndoCommand(text),
      document_(document),
      before_(std::move(before)),
      after_(std::move(after)),
      mergeKey_(mergeKey),
      mergeSerial_(mergeSerial)
{
    dropped_ = dropUnchanged(before_, after_);
}

void ExperimentCommand::undo()
{
    document_->setExperiment(withDropped(before_, dropped_, document_->experiment()));
}

void ExperimentCommand::redo()
{
    document_->setExperiment(withDropped(after_, dropped_, document_->experiment()));
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
    // The stack has just applied o: the document holds o's after, o's before is this one's after.
    const Experiment current = document_->experiment();
    const Experiment between = withDropped(o->before_, o->dropped_, current);
    before_ = withDropped(std::move(before_), dropped_, between);
    after_ = current;
    dropped_ = dropUnchanged(before_, after_);
    return true;
}

std::size_t ExperimentCommand::heldValues() const
{
    std::size_t n = 0;
    for (const Experiment* e : {&before_, &after_}) {
        for (const auto field : kValues)
            n += (e->*field).size();
        for (const auto field : kHistories)
            for (const Values& v : e->*field)
                n += v.size();
    }
    return n;
}

} // namespace normscope::ui
