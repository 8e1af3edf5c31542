// SPDX-License-Identifier: GPL-3.0-or-later
// SPDX-FileCopyrightText: 2026 The NormScope authors

#include "ui/document/step_command.h"

#include "ui/document/document.h"

#include <algorithm>

namespace normscope::ui {

namespace {

bool startsWith(const std::vector<std::vector<double>>& history, const std::vector<std::vector<double>>& prefix)
{
    return history.size() >= prefix.size() && std::equal(prefix.begin(), prefix.end(), history.begin());
}

std::size_t bytesOf(const std::vector<std::vector<double>>& entries)
{
    std::size_t bytes = 0;
    for (const auto& v : entries)
        bytes += v.size() * sizeof(double);
    return bytes;
}

} // namespace

StepCommand::StepCommand(Document* document, const QString& text, const Experiment& before, const Experiment& after)
    : QUndoCommand(text),
      document_(document),
      historyBefore_(before.running_mean_history.size())
{
    before_ = {before.running_mean, before.running_var, before.num_batches_tracked, before.recipe.seed};
    after_ = {after.running_mean, after.running_var, after.num_batches_tracked, after.recipe.seed};
    const auto from = static_cast<std::ptrdiff_t>(historyBefore_);
    meanAdded_.assign(after.running_mean_history.begin() + from, after.running_mean_history.end());
    varAdded_.assign(after.running_var_history.begin() + from, after.running_var_history.end());
}

bool StepCommand::describes(const Experiment& before, const Experiment& after)
{
    Experiment rebuilt = after;
    rebuilt.running_mean = before.running_mean;
    rebuilt.running_var = before.running_var;
    rebuilt.num_batches_tracked = before.num_batches_tracked;
    rebuilt.recipe.seed = before.recipe.seed;
    if (!startsWith(after.running_mean_history, before.running_mean_history)
        || !startsWith(after.running_var_history, before.running_var_history))
        return false;
    rebuilt.running_mean_history.resize(before.running_mean_history.size());
    rebuilt.running_var_history.resize(before.running_var_history.size());
    return rebuilt == before;
}

Experiment StepCommand::withBuffers(const Buffers& b) const
{
    Experiment e = document_->experiment();
    e.running_mean = b.running_mean;
    e.running_var = b.running_var;
    e.num_batches_tracked = b.num_batches_tracked;
    e.recipe.seed = b.seed;
    e.running_mean_history.resize(historyBefore_);
    e.running_var_history.resize(historyBefore_);
    return e;
}

void StepCommand::undo()
{
    document_->setExperiment(withBuffers(before_));
}

void StepCommand::redo()
{
    Experiment e = withBuffers(after_);
    e.running_mean_history.insert(e.running_mean_history.end(), meanAdded_.begin(), meanAdded_.end());
    e.running_var_history.insert(e.running_var_history.end(), varAdded_.begin(), varAdded_.end());
    document_->setExperiment(e);
}

std::size_t StepCommand::storedBytes() const
{
    std::size_t bytes = 0;
    for (const Buffers* b : {&before_, &after_})
        bytes += (b->running_mean.size() + b->running_var.size()) * sizeof(double);
    return bytes + bytesOf(meanAdded_) + bytesOf(varAdded_);
}

} // namespace normscope::ui
