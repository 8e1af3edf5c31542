// SPDX-License-Identifier: GPL-3.0-or-later
// SPDX-FileCopyrightText: 2026 The NormScope authors

#include "ui/panels/pytorch_code_export.h"

#include "engine/io/staged_outputs.h"
#include "ui/panels/pytorch_code_panel.h"

#include <QDir>
#include <QFileInfo>

namespace normscope::ui {

void exportPyTorchCode(const ResultSnapshot& result, const std::string& pyPath)
{
    StagedOutputs outputs;
    stagePyTorchCode(outputs, result, pyPath);
    outputs.commit();
}

void stagePyTorchCode(StagedOutputs& outputs, const ResultSnapshot& result, const std::string& pyPath)
{
    const QFileInfo info(QString::fromStdString(pyPath));
    const PyTorchCode code = PyTorchCodePanel::codeFor(result, info.completeBaseName());
    outputs.stageText(pyPath, code.text.toStdString());
    for (const PyTorchCode::SideFile& file : code.sideFiles) {
        // Beside the .py, in the tensor's own dtype, so np.load gives back the same values.
        const std::string path = info.dir().filePath(file.fileName).toStdString();
        outputs.stageNpy(path, *file.values);
    }
}

} // namespace normscope::ui
