// SPDX-License-Identifier: GPL-3.0-or-later
// SPDX-FileCopyrightText: 2026 The NormScope authors

#pragma once

#include <QComboBox>
#include <QDoubleSpinBox>
#include <QLineEdit>
#include <QSpinBox>
#include <QString>
#include <QVariant>

#include <utility>
#include <vector>

/**
 * Setters that leave a control alone when it already shows what it is given.
 *
 * A panel that shows the document sets every control on every change, and an eps drag changes the
 * document on every frame. Qt's own setters repaint (and a combo box re-measures its items) even when
 * the value is the one shown: those repaints were most of a small tensor's frame. QLabel::setText,
 * QAbstractButton::setText/setChecked, setEnabled and setVisible already compare; these do for the rest.
 */
namespace normscope::ui::set_if_changed {

inline void value(QSpinBox* spin, int v)
{
    if (spin->value() != v)
        spin->setValue(v);
}

/// A box that rounds to fewer decimals than v has is set every time: correct, only not spared.
inline void value(QDoubleSpinBox* spin, double v)
{
    if (spin->value() != v)
        spin->setValue(v);
}

inline void prefix(QSpinBox* spin, const QString& text)
{
    if (spin->prefix() != text)
        spin->setPrefix(text);
}

inline void text(QLineEdit* edit, const QString& text)
{
    if (edit->text() != text)
        edit->setText(text);
}

inline void itemText(QComboBox* box, int index, const QString& text)
{
    if (box->itemText(index) != text)
        box->setItemText(index, text);
}

inline void currentIndex(QComboBox* box, int index)
{
    if (box->currentIndex() != index)
        box->setCurrentIndex(index);
}

/// Replaces the items (text, data) unless they are the ones shown.
inline void items(QComboBox* box, const std::vector<std::pair<QString, QVariant>>& items)
{
    bool same = box->count() == static_cast<int>(items.size());
    for (int i = 0; same && i < box->count(); ++i)
        same = box->itemText(i) == items[static_cast<std::size_t>(i)].first
            && box->itemData(i) == items[static_cast<std::size_t>(i)].second;
    if (same)
        return;
    box->clear();
    for (const auto& [text, data] : items)
        box->addItem(text, data);
}

} // namespace normscope::ui::set_if_changed
