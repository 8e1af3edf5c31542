// SPDX-License-Identifier: GPL-3.0-or-later
// SPDX-FileCopyrightText: 2026 The NormScope authors

#pragma once

// Small file helpers for the tests that check what is (and is not) left in a directory.

#include "engine/core/tensor.h"
#include "engine/io/npy.h"

#include <QByteArray>
#include <QDir>
#include <QFile>
#include <QString>
#include <QStringList>

namespace normscope::test {

/// A file's bytes, or "<missing>" when it cannot be read.
inline QByteArray fileContents(const QString& path)
{
    QFile f(path);
    return f.open(QIODevice::ReadOnly) ? f.readAll() : QByteArray("<missing>");
}

/// Replaces the file with these bytes; false if it cannot be written.
inline bool writeFileContents(const QString& path, const QByteArray& bytes)
{
    QFile f(path);
    return f.open(QIODevice::WriteOnly | QIODevice::Truncate) && f.write(bytes) == bytes.size();
}

/// Every entry of dir, hidden ones included (staging files start with a dot), sorted by name.
inline QStringList entriesOf(const QString& dir)
{
    return QDir(dir).entryList(QDir::AllEntries | QDir::Hidden | QDir::NoDotAndDotDot, QDir::Name);
}

/// A (2, 3, 4) float64 tensor of the values -1, 0, 1, 2, 3 repeating, written to path.
inline Tensor<double> writeRampNpy(const QString& path)
{
    Tensor<double> x({2, 3, 4}, std::vector<double>(24));
    for (std::int64_t i = 0; i < 24; ++i)
        x[i] = double(i % 5) - 1.0;
    writeNpy(path.toStdString(), x);
    return x;
}

} // namespace normscope::test
