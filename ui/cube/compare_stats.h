// SPDX-License-Identifier: GPL-3.0-or-later
// SPDX-FileCopyrightText: 2026 The NormScope authors

#pragma once

#include <QSize>
#include <QString>
#include <QStringList>
#include <QWidget>

#include <utility>
#include <vector>

namespace normscope::ui {

/**
 * One compare column's numbers under its cube: the module as PyTorch builds it, bold, and its mode,
 * centred; then a small table of names (grey) and values (bold); or the module's refusal in red.
 *
 * Measured with font metrics and painted directly rather than as a rich-text QLabel: eps is part of
 * every column's signature, so an eps drag changes all five on every frame, and laying out their
 * QTextDocuments (the label's own, its size hint, the height measured apart because QLabel
 * underestimated a table's) was most of the compare view's frame.
 */
class CompareStats : public QWidget {
    Q_OBJECT

public:
    struct Content {
        QStringList heading;                           ///< the module's lines (keyword arguments on lines of their own)
        QString mode;                                  ///< "train()" or "eval()"
        std::vector<std::pair<QString, QString>> rows; ///< name, value
        QString error;                                 ///< the module's refusal; no rows then
    };

    explicit CompareStats(QWidget* parent = nullptr);

    /// False, and nothing laid out or repainted, when the content is the one shown.
    bool setContent(Content content);
    const Content& content() const { return content_; }
    /// Line by line: the heading, the mode, "name<TAB>value" rows, the error.
    QString plainText() const;

    QSize sizeHint() const override { return size_; }
    QSize minimumSizeHint() const override { return size_; }

protected:
    void paintEvent(QPaintEvent* event) override;
    void changeEvent(QEvent* event) override;

private:
    void relayout();
    QFont boldFont() const;

    Content content_;
    QSize size_{0, 0};
    int nameWidth_ = 0;  ///< the table's first column
    int valueWidth_ = 0; ///< its second
    int lineHeight_ = 0; ///< the taller of the plain and the bold font's line spacing
};

} // namespace normscope::ui
