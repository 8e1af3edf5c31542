// SPDX-License-Identifier: GPL-3.0-or-later
// SPDX-FileCopyrightText: 2026 The NormScope authors

#pragma once

#include <QByteArray>
#include <QColor>
#include <QFont>
#include <QSize>
#include <QString>

#include <vector>

class QCustomPlot;
class QWidget;
class QCPAxis;
class QCPAxisRect;
class QCPItemText;
class QCPTextElement;

namespace normscope::ui::plot_style {

/// Fonts for a projector: a few points above the desktop default.
QFont tickFont();
QFont labelFont();
QFont titleFont();
QFont noteFont();

/// Colours of the two series every plot shares (input blue, output orange) and a categorical palette.
QColor inputColor();
QColor outputColor();
QColor runningColor();
QColor categorical(int index);
/// count colours spread around the hue circle (for per-channel lines).
QColor spread(int index, int count);

/// Antialiasing, white background, light grid, fonts of the default axis rect, tick counts
/// fitted to the axes' lengths.
void apply(QCustomPlot* plot);
/// Puts plot into owner as its only child, edge to edge, with the shared style applied.
void embed(QWidget* owner, QCustomPlot* plot, QSize minimumSize);
/// A second axis rect under the plot's first, styled (the mean/var panel pairs).
QCPAxisRect* addLowerPanel(QCustomPlot* plot);
/// Fonts, grid and ticks of one axis rect (for rects added to the layout).
void styleAxisRect(QCPAxisRect* rect);
/// A title element for row 0 of the plot's layout (inserting the row).
QCPTextElement* addTitle(QCustomPlot* plot, const QString& text);
/// A smaller grey line of details under the title (layout row 1 while it has text).
QCPTextElement* addSubtitle(QCustomPlot* plot);
/// Sets a subtitle's text; empty (or a compact plot) takes its row out of the layout.
void setSubtitle(QCPTextElement* subtitle, const QString& text, bool essential = false);
/// A short plot (a bottom dock) gives its panels the room: smaller title, no subtitle.
void fitHeight(QCustomPlot* plot, int height, QCPTextElement* title, QCPTextElement* subtitle);
/// Fewer ticks on short or narrow axes (apply() runs it after every layout).
void fitTickCounts(QCustomPlot* plot);
/// Rebuilds the legend label from the plot's legend entries (after adding or removing one).
void fitLegend(QCustomPlot* plot);
/// The plot's legend as a wrapping label under the plot (in embed()'s layout), so it never covers
/// a bar or a line and every line of it stays visible in a short plot. QCustomPlot's legend keeps
/// the entries and is not drawn. (The row argument is unused; kept for the call sites.)
void legendAsStrip(QCustomPlot* plot, int row);
/// Shows or hides the legend label.
void setLegendVisible(QCustomPlot* plot, bool visible);

/**
 * What a plot shows, as bytes (numbers, texts, flags appended in order), so that a new result that
 * draws the same picture is not built and replotted again: an eps change leaves the batch statistics
 * and the running buffers as they were, and two replots cost the window milliseconds per change.
 */
class ContentKey {
public:
    ContentKey& operator<<(const QString& text);
    ContentKey& operator<<(double value);
    ContentKey& operator<<(qint64 value);
    ContentKey& operator<<(const std::vector<double>& values) { return numbers(values.data(), values.size()); }
    ContentKey& numbers(const double* values, std::size_t count);
    const QByteArray& bytes() const { return bytes_; }

private:
    QByteArray bytes_;
};

/// Whether the plot must be built: a new result, or the same one published again (a language
/// switch), always is unless a new result's key equals the shown one. Remembers the key.
bool needsRebuild(QByteArray& shownKey, const ContentKey& key, bool sameResult);
/// The legend as the user reads it ("batch  running"), empty while hidden.
QString legendText(const QCustomPlot* plot);
/// Integer ticks (group indices, steps): multiples of 1, thinned out when there are many.
void useIntegerTicks(QCPAxis* axis);
/// A text item centred on the plot, hidden until setMessage.
QCPItemText* addMessage(QCustomPlot* plot);
/// Shows text (or hides the item when text is empty); error text is drawn in red.
void setMessage(QCPItemText* item, const QString& text, bool error);
/// The text last given to setMessage (unwrapped), or empty while hidden.
QString message(const QCPItemText* item);

} // namespace normscope::ui::plot_style
