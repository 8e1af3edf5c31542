// SPDX-License-Identifier: GPL-3.0-or-later
// SPDX-FileCopyrightText: 2026 The NormScope authors
#pragma once

#include "ui/document/result_snapshot.h"

#include <QCoreApplication>
#include <QRectF>
#include <QStringList>
#include <QTextDocument>

#include <cstdint>

class QPainter;

namespace normscope::ui {

/**
 * The texts around the cube: the caption (the layout's rule, or the module's name when the engine
 * refused), the note on subsampling and the status line about the lit group, as rich text laid out
 * to the widget's width.
 */
class CubeTexts {
    Q_DECLARE_TR_FUNCTIONS(CubeTexts)

public:
    CubeTexts();

    /// caption is the layout's rule "Name: rule" (empty when refused, then failedModule is shown);
    /// statusHtml comes from statusHtml(). base is the widget's font. Returns whether any text
    /// changed (the same texts again are not laid out again).
    bool set(const QString& caption, const QString& failedModule, const QString& note, const QString& statusHtml,
             const QFont& base, bool compact);
    /// The status line: the lit group and its statistics, else a hint what hovering does.
    static QString statusHtml(const ResultPtr& result, std::int64_t litGroup, bool allGroups);

    /// Heights at this width. The compact caption takes at least a name and four lines of the rule,
    /// so that side by side cubes line up; the status line always two lines, so a hover never moves
    /// the cube.
    double captionHeight(double width, bool compact) const;
    QFont captionFont() const { return caption_.defaultFont(); }
    double noteHeight(double width) const;
    double statusHeight(double width) const;

    /// Draws each text in its rectangle; a null rectangle leaves that text out.
    void paint(QPainter& p, const QRectF& captionRect, const QRectF& noteRect, const QRectF& statusRect) const;

private:
    void fitCaption(double width) const;

    mutable QTextDocument caption_, note_, status_; // setTextWidth and drawContents are not const
    QFont captionFont_;     ///< the caption's type before a narrow column shrinks it (captionHeight)
    QString captionName_;   ///< the compact caption's first line, the module's name
    QStringList lastTexts_; ///< set()'s last texts: the same again lays nothing out again
    QFont lastBase_;
    bool lastCompact_ = false;
};

} // namespace normscope::ui
