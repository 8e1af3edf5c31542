// SPDX-License-Identifier: GPL-3.0-or-later
// SPDX-FileCopyrightText: 2026 The NormScope authors

#pragma once

#include "ui/document/result_snapshot.h"

#include <QWidget>

class QCheckBox;
class QGridLayout;
class QLabel;

namespace normscope::ui {

/**
 * The Tensor view's picture mode for an image input: for every sample of the batch, x and y side by
 * side as pictures, y mapped back to [0, 1] per channel by that channel's min and max over the batch
 * (the caption states it with the numbers), so what a norm does to each picture's colour and
 * contrast can be seen. "One range for all channels" maps every channel with the batch's overall
 * min and max instead, which keeps the channels' relations (a gray stays gray).
 */
class TensorPictures : public QWidget {
    Q_OBJECT

public:
    explicit TensorPictures(QWidget* parent = nullptr);
    void setResult(const ResultPtr& result);
    /// The caption as shown (the mapping), for tests.
    QString caption() const;
    QCheckBox* sharedRangeBox() const { return shared_; }

private:
    void redraw();

    ResultPtr result_;
    QGridLayout* grid_ = nullptr;
    QLabel* caption_ = nullptr;
    QCheckBox* shared_ = nullptr;
};

} // namespace normscope::ui
