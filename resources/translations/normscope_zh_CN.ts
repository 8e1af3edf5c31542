<?xml version="1.0" encoding="utf-8"?>
<!DOCTYPE TS>
<TS version="2.1" language="zh_CN">
<context>
    <name>CellInfo</name>
    <message>
        <source>root mean square</source>
        <translation>均方根</translation>
    </message>
    <message>
        <source>mean and variance</source>
        <translation>均值和方差</translation>
    </message>
    <message>
        <source>index</source>
        <translation>索引</translation>
    </message>
    <message>
        <source> (eval: running stats of c=%1)</source>
        <translation>（eval：通道 c=%1 的运行统计量）</translation>
    </message>
    <message>
        <source>group</source>
        <translation>组</translation>
    </message>
    <message>
        <source>, %1 elements</source>
        <translation>，%1 个元素</translation>
    </message>
    <message>
        <source>none (affine off)</source>
        <translation>无（affine 关闭）</translation>
    </message>
    <message>
        <source>mean</source>
        <translation>均值</translation>
    </message>
    <message>
        <source>var</source>
        <translation>方差</translation>
    </message>
    <message>
        <source>mean(g) of the group</source>
        <translation>组内 mean(g)</translation>
    </message>
    <message>
        <source>mean(g·x-hat) of the group</source>
        <translation>组内 mean(g·x-hat)</translation>
    </message>
</context>
<context>
    <name>CubeCut</name>
    <message>
        <source>cut open at %1 = %2 to show the lit group</source>
        <translation>在 %1 = %2 处剖开，露出点亮的组</translation>
    </message>
    <message>
        <source>index</source>
        <translation>索引</translation>
    </message>
</context>
<context>
    <name>CubeGrid</name>
    <message>
        <source>%1: %2 shown as %3 bins of %4</source>
        <translation>%1：%2 显示为 %3 个区间，每个 %4</translation>
    </message>
    <message>
        <source>%1: %2 shown as %3 bins of up to %4</source>
        <translation>%1：%2 显示为 %3 个区间，每个最多 %4</translation>
    </message>
    <message>
        <source>; </source>
        <translation>；</translation>
    </message>
    <message>
        <source>; each cell shows the first element of its bin</source>
        <translation>；每个格子显示其区间的第一个元素</translation>
    </message>
</context>
<context>
    <name>CubeTexts</name>
    <message>
        <source>No result yet.</source>
        <translation>尚无结果。</translation>
    </message>
    <message>
        <source>&lt;b&gt;Lit:&lt;/b&gt; group %1 &amp;mdash; the %2 elements that share one %3 (%4)</source>
        <translation>&lt;b&gt;点亮：&lt;/b&gt;组 %1 &amp;mdash; 共享同一%3的 %2 个元素（%4）</translation>
    </message>
    <message>
        <source>Each colour is one of the %1 groups; hover a cell to pick its group out.</source>
        <translation>每种颜色是 %1 个组中的一个；悬停在格子上可挑出它所在的组。</translation>
    </message>
    <message>
        <source>Hover a cell to light up every element that shares its %1; click to keep it lit.</source>
        <translation>悬停在格子上，点亮与它共享%1的所有元素；单击可保持点亮。</translation>
    </message>
    <message>
        <source>%1 = %2, %3 = %4</source>
        <comment>mean = 4, var = 6</comment>
        <translation>%1 = %2，%3 = %4</translation>
    </message>
</context>
<context>
    <name>LayoutText</name>
    <message>
        <source>BatchNorm: one mean and variance per channel, over %1</source>
        <translation>BatchNorm: 每个通道一个均值和方差，在 %1 上统计</translation>
    </message>
    <message>
        <source>InstanceNorm: one mean and variance per sample and channel, over %1</source>
        <translation>InstanceNorm: 每个样本的每个通道一个均值和方差，在 %1 上统计</translation>
    </message>
    <message>
        <source>GroupNorm: one mean and variance per sample and group of %1 channel (G=%2), over %3</source>
        <translation>GroupNorm: 每个样本的每组（%1 个通道，G=%2）一个均值和方差，在 %3 上统计</translation>
    </message>
    <message>
        <source>GroupNorm: one mean and variance per sample and group of %1 channels (G=%2), over %3</source>
        <translation>GroupNorm: 每个样本的每组（%1 个通道，G=%2）一个均值和方差，在 %3 上统计</translation>
    </message>
    <message>
        <source>LayerNorm: one mean and variance per tensor, over %1</source>
        <translation>LayerNorm: 整个张量一个均值和方差，在 %1 上统计</translation>
    </message>
    <message>
        <source>LayerNorm: one mean and variance per leading index, over %1</source>
        <translation>LayerNorm: 每个前导索引一个均值和方差，在 %1 上统计</translation>
    </message>
    <message>
        <source>RMSNorm: one root mean square (no mean) per tensor, over %1</source>
        <translation>RMSNorm: 整个张量一个均方根（不减均值），在 %1 上统计</translation>
    </message>
    <message>
        <source>RMSNorm: one root mean square (no mean) per leading index, over %1</source>
        <translation>RMSNorm: 每个前导索引一个均方根（不减均值），在 %1 上统计</translation>
    </message>
    <message>
        <source>%1 NaN</source>
        <translation>%1 个 NaN</translation>
    </message>
    <message>
        <source>%1 inf</source>
        <translation>%1 个 inf</translation>
    </message>
    <message>
        <source>%1 -inf</source>
        <translation>%1 个 -inf</translation>
    </message>
    <message>
        <source>the input has %1 of %2 values: the statistics, running statistics and outputs they reach are NaN or inf, as in PyTorch</source>
        <translation>输入的 %2 个值中有 %1：它们影响到的统计量、运行统计量和输出都是 NaN 或 inf，与 PyTorch 相同</translation>
    </message>
    <message>
        <source>, </source>
        <translation>、</translation>
    </message>
    <message>
        <source>eps = 0: a constant channel gives 0/0 (PyTorch&apos;s batch_norm takes rstd = 0 where var is exactly 0, so y = beta there)</source>
        <translation>eps = 0：常数通道得到 0/0（PyTorch 的 batch_norm 在 var 恰为 0 处取 rstd = 0，因此那里 y = beta）</translation>
    </message>
    <message>
        <source>eps = %1 is negative: rstd = 1/sqrt(var + eps) is NaN where var &lt; %2 and inf where they are equal</source>
        <translation>eps = %1 为负：在 var &lt; %2 处 rstd = 1/sqrt(var + eps) 为 NaN，两者相等处为 inf</translation>
    </message>
    <message>
        <source>eps = 0: a group of equal values gives 0/0 = NaN</source>
        <translation>eps = 0：值全相同的组得到 0/0 = NaN</translation>
    </message>
</context>
<context>
    <name>Lesson</name>
    <message>
        <source>Lesson: %1, step %2</source>
        <translation>课程：%1，第 %2 步</translation>
    </message>
</context>
<context>
    <name>QObject</name>
    <message>
        <source>momentum=None (cumulative average)</source>
        <translation>momentum=None（累积平均）</translation>
    </message>
    <message>
        <source>momentum=%1</source>
        <translation>momentum=%1</translation>
    </message>
    <message>
        <source>group (one for the whole tensor)</source>
        <translation>组（整个张量为一组）</translation>
    </message>
    <message>
        <source>group (%1)</source>
        <translation>组（%1）</translation>
    </message>
    <message>
        <source>group (%1, flattened)</source>
        <translation>组（%1，展平）</translation>
    </message>
    <message>
        <source>%1 (*.%2)</source>
        <translation>%1 (*.%2)</translation>
    </message>
    <message>
        <source>PNG image (*.png)</source>
        <translation>PNG 图像 (*.png)</translation>
    </message>
    <message>
        <source>SVG vector image (*.svg)</source>
        <translation>SVG 矢量图 (*.svg)</translation>
    </message>
    <message>
        <source>PDF document (*.pdf)</source>
        <translation>PDF 文档 (*.pdf)</translation>
    </message>
    <message>
        <source>1x (screen size)</source>
        <translation>1x（屏幕尺寸）</translation>
    </message>
    <message>
        <source>2x</source>
        <translation>2x</translation>
    </message>
    <message>
        <source>3x</source>
        <translation>3x</translation>
    </message>
    <message>
        <source>Pixels per screen pixel:</source>
        <translation>每个屏幕像素对应的像素数：</translation>
    </message>
    <message>
        <source>NumPy archive (*.npz)</source>
        <translation>NumPy 归档 (*.npz)</translation>
    </message>
</context>
<context>
    <name>normscope::ui::Actions</name>
    <message>
        <source>&amp;Load .npy...</source>
        <translation>加载 .npy(&amp;L)...</translation>
    </message>
    <message>
        <source>Use a NumPy array as the input (Ctrl+L)</source>
        <translation>使用 NumPy 数组作为输入 (Ctrl+L)</translation>
    </message>
    <message>
        <source>Use &amp;generator</source>
        <translation>使用生成器(&amp;G)</translation>
    </message>
    <message>
        <source>Go back from the loaded array to the generated input</source>
        <translation>从加载的数组回到生成的输入</translation>
    </message>
    <message>
        <source>&amp;PyTorch code...</source>
        <translation>PyTorch 代码(&amp;P)...</translation>
    </message>
    <message>
        <source>Save the PyTorch code that rebuilds this state as a .py file (long tensors as .npy files beside it)</source>
        <translation>将重建此状态的 PyTorch 代码保存为 .py 文件（较长的张量存为旁边的 .npy 文件）</translation>
    </message>
    <message>
        <source>&amp;Quit</source>
        <translation>退出(&amp;Q)</translation>
    </message>
    <message>
        <source>&amp;Undo</source>
        <translation>撤销(&amp;U)</translation>
    </message>
    <message>
        <source>Undo</source>
        <translation>撤销</translation>
    </message>
    <message>
        <source>&amp;Redo</source>
        <translation>重做(&amp;R)</translation>
    </message>
    <message>
        <source>Redo</source>
        <translation>重做</translation>
    </message>
    <message>
        <source>&amp;Copy statistics table</source>
        <translation>复制统计表(&amp;C)</translation>
    </message>
    <message>
        <source>Copy the selected rows (all when none is selected) as text and as a table</source>
        <translation>复制选中的行（未选中时复制全部），同时作为文本和表格</translation>
    </message>
    <message>
        <source>&amp;Step (one training pass)</source>
        <translation>单步(&amp;S)（一次训练前向传播）</translation>
    </message>
    <message>
        <source>Step</source>
        <translation>单步</translation>
    </message>
    <message>
        <source>One training forward pass: running_mean and running_var move (F5)</source>
        <translation>一次训练前向传播：running_mean 和 running_var 随之更新 (F5)</translation>
    </message>
    <message>
        <source>Step on &amp;fresh batch</source>
        <translation>在新批次上单步(&amp;F)</translation>
    </message>
    <message>
        <source>Step on fresh batch</source>
        <translation>新批次单步</translation>
    </message>
    <message>
        <source>Draw a new batch (next seed), then one training pass (Shift+F5)</source>
        <translation>抽取新批次（下一个种子），再做一次训练前向传播 (Shift+F5)</translation>
    </message>
    <message>
        <source>&amp;Reset running statistics</source>
        <translation>重置运行统计量(&amp;R)</translation>
    </message>
    <message>
        <source>Reset running stats</source>
        <translation>重置运行统计量</translation>
    </message>
    <message>
        <source>reset_running_stats(): running_mean 0, running_var 1 (Ctrl+R)</source>
        <translation>reset_running_stats()：running_mean 置 0，running_var 置 1 (Ctrl+R)</translation>
    </message>
    <message>
        <source>&amp;Compare all five norms</source>
        <translation>比较全部五种归一化(&amp;C)</translation>
    </message>
    <message>
        <source>&amp;Reset cube view</source>
        <translation>重置立方体视图(&amp;R)</translation>
    </message>
    <message>
        <source>Colour by input &amp;x</source>
        <translation>按输入 x 着色(&amp;X)</translation>
    </message>
    <message>
        <source>Colour by &amp;normalized x̂</source>
        <translation>按归一化后的 x̂ 着色(&amp;N)</translation>
    </message>
    <message>
        <source>Colour by &amp;output y</source>
        <translation>按输出 y 着色(&amp;O)</translation>
    </message>
    <message>
        <source>Toggle &amp;all groups</source>
        <translation>切换全部组(&amp;A)</translation>
    </message>
    <message>
        <source>Toggle &amp;exploded</source>
        <translation>切换分解视图(&amp;E)</translation>
    </message>
    <message>
        <source>&amp;About NormScope</source>
        <translation>关于 NormScope(&amp;A)</translation>
    </message>
    <message>
        <source>&amp;Lessons</source>
        <translation>课程(&amp;L)</translation>
    </message>
    <message>
        <source>Show the lessons: each step sets the window up and says what to look at (F1)</source>
        <translation>显示课程：每一步设置好窗口并说明要看什么 (F1)</translation>
    </message>
    <message>
        <source>Lesson: step &amp;back</source>
        <translation>课程：上一步(&amp;B)</translation>
    </message>
    <message>
        <source>Lesson: &amp;next step</source>
        <translation>课程：下一步(&amp;N)</translation>
    </message>
    <message>
        <source>&amp;New</source>
        <translation>新建(&amp;N)</translation>
    </message>
    <message>
        <source>Start again from the demo (Ctrl+N)</source>
        <translation>从演示重新开始 (Ctrl+N)</translation>
    </message>
    <message>
        <source>&amp;Open session...</source>
        <translation>打开会话(&amp;O)...</translation>
    </message>
    <message>
        <source>Open a .normscope session file (Ctrl+O)</source>
        <translation>打开 .normscope 会话文件 (Ctrl+O)</translation>
    </message>
    <message>
        <source>&amp;Save</source>
        <translation>保存(&amp;S)</translation>
    </message>
    <message>
        <source>Save the session: module, input, parameters, running statistics and view (Ctrl+S)</source>
        <translation>保存会话：模块、输入、参数、运行统计量和视图 (Ctrl+S)</translation>
    </message>
    <message>
        <source>Save &amp;As...</source>
        <translation>另存为(&amp;A)...</translation>
    </message>
    <message>
        <source>&amp;Clear list</source>
        <translation>清空列表(&amp;C)</translation>
    </message>
    <message>
        <source>&amp;Statistics table...</source>
        <translation>统计表(&amp;S)...</translation>
    </message>
    <message>
        <source>Save the statistics per group as CSV, TSV, Markdown, LaTeX, JSON or HTML</source>
        <translation>将每组统计量保存为 CSV、TSV、Markdown、LaTeX、JSON 或 HTML</translation>
    </message>
    <message>
        <source>Co&amp;mparison table...</source>
        <translation>比较表(&amp;M)...</translation>
    </message>
    <message>
        <source>Save the compare view&apos;s five norms as a table (CSV, TSV, Markdown, LaTeX, JSON or HTML)</source>
        <translation>将比较视图中的五种归一化保存为表格（CSV、TSV、Markdown、LaTeX、JSON 或 HTML）</translation>
    </message>
    <message>
        <source>Figure: &amp;cube...</source>
        <translation>图：立方体(&amp;C)...</translation>
    </message>
    <message>
        <source>Figure: c&amp;ompare view...</source>
        <translation>图：比较视图(&amp;O)...</translation>
    </message>
    <message>
        <source>Figure: &amp;histogram...</source>
        <translation>图：直方图(&amp;H)...</translation>
    </message>
    <message>
        <source>Figure: &amp;group statistics plot...</source>
        <translation>图：组统计量图(&amp;G)...</translation>
    </message>
    <message>
        <source>Figure: &amp;running statistics plot...</source>
        <translation>图：运行统计量图(&amp;R)...</translation>
    </message>
    <message>
        <source>Figure: whole &amp;window...</source>
        <translation>图：整个窗口(&amp;W)...</translation>
    </message>
    <message>
        <source>Save this view as PNG (1x, 2x or 3x), SVG or PDF (vector)</source>
        <translation>将此视图保存为 PNG（1x、2x 或 3x）、SVG 或 PDF（矢量）</translation>
    </message>
    <message>
        <source>&amp;Tensors (.npz)...</source>
        <translation>张量(&amp;T) (.npz)...</translation>
    </message>
    <message>
        <source>Save x, x̂, y, the statistics, gamma, beta and the running statistics as one NumPy archive, in the input&apos;s dtype</source>
        <translation>将 x、x̂、y、统计量、gamma、beta 和运行统计量以输入的 dtype 保存为一个 NumPy 归档</translation>
    </message>
    <message>
        <source>Copy &amp;figure</source>
        <translation>复制图(&amp;F)</translation>
    </message>
    <message>
        <source>Copy the cube (or the compare view) as an image</source>
        <translation>将立方体（或比较视图）复制为图像</translation>
    </message>
    <message>
        <source>Undo %1 (Ctrl+Z)</source>
        <translation>撤销 %1 (Ctrl+Z)</translation>
    </message>
    <message>
        <source>Nothing to undo</source>
        <translation>没有可撤销的操作</translation>
    </message>
    <message>
        <source>Redo %1 (Ctrl+Shift+Z)</source>
        <translation>重做 %1 (Ctrl+Shift+Z)</translation>
    </message>
    <message>
        <source>Nothing to redo</source>
        <translation>没有可重做的操作</translation>
    </message>
    <message>
        <source>&amp;Presenter mode</source>
        <translation>演示模式(&amp;P)</translation>
    </message>
    <message>
        <source>Full screen with large text and thick outlines, readable from the back of a room (F11)</source>
        <translation>全屏、大字、粗轮廓，教室后排也看得清 (F11)</translation>
    </message>
    <message>
        <source>Presenter: &amp;larger</source>
        <translation>演示：放大(&amp;L)</translation>
    </message>
    <message>
        <source>Presenter: &amp;smaller</source>
        <translation>演示：缩小(&amp;S)</translation>
    </message>
    <message>
        <source>Presenter: hide or show the side &amp;panels</source>
        <translation>演示：隐藏或显示侧边面板(&amp;P)</translation>
    </message>
    <message>
        <source>Hide the controls, the code and the table, which a class does not need to see (F12)</source>
        <translation>隐藏课堂上不需要看的控制面板、代码和表格 (F12)</translation>
    </message>
    <message>
        <source>Figure: &amp;tensors as printed...</source>
        <translation>图：打印出的张量(&amp;T)...</translation>
    </message>
    <message>
        <source>Open &amp;image...</source>
        <translation>打开图片(&amp;I)...</translation>
    </message>
    <message>
        <source>Use pictures as the input: one as 1x3xHxW in [0, 1], several of one size as a batch</source>
        <translation>用图片作为输入：一张图片为 [0, 1] 中的 1x3xHxW，同一尺寸的多张图片组成一个批次</translation>
    </message>
    <message>
        <source>Colour by &amp;gradient dL/dx</source>
        <translation>按梯度 dL/dx 着色(&amp;G)</translation>
    </message>
</context>
<context>
    <name>normscope::ui::CompareView</name>
    <message>
        <source>train()</source>
        <translation>train()</translation>
    </message>
    <message>
        <source>eval()</source>
        <translation>eval()</translation>
    </message>
    <message>
        <source>groups</source>
        <translation>组数</translation>
    </message>
    <message>
        <source>%1 (per %2)</source>
        <translation>%1（每 %2）</translation>
    </message>
    <message>
        <source>size</source>
        <translation>组大小</translation>
    </message>
    <message>
        <source>mean</source>
        <translation>均值</translation>
    </message>
    <message>
        <source>var</source>
        <translation>方差</translation>
    </message>
    <message>
        <source>dL/dx ≠ 0</source>
        <translation>dL/dx ≠ 0</translation>
    </message>
    <message>
        <source>%1 of %2 cells</source>
        <translation>%2 个格子中的 %1 个</translation>
    </message>
</context>
<context>
    <name>normscope::ui::ControlsPanel</name>
    <message>
        <source>Module</source>
        <translation>模块</translation>
    </message>
    <message>
        <source>training  (train())</source>
        <translation>训练  (train())</translation>
    </message>
    <message>
        <source>eval  (eval())</source>
        <translation>评估  (eval())</translation>
    </message>
    <message>
        <source>Norm</source>
        <translation>归一化</translation>
    </message>
    <message>
        <source>Mode</source>
        <translation>模式</translation>
    </message>
    <message>
        <source>Input x</source>
        <translation>输入 x</translation>
    </message>
    <message>
        <source>per-channel offset + scale</source>
        <translation>按通道偏移 + 缩放</translation>
    </message>
    <message>
        <source>normal</source>
        <translation>正态分布</translation>
    </message>
    <message>
        <source>uniform</source>
        <translation>均匀分布</translation>
    </message>
    <message>
        <source>constant channels</source>
        <translation>常数通道</translation>
    </message>
    <message>
        <source>Per-channel offset + scale: channel c ~ N(mean + c·offset, std·(1 + 0.4c)), so BatchNorm and InstanceNorm visibly differ</source>
        <translation>按通道偏移 + 缩放：通道 c ~ N(mean + c·offset, std·(1 + 0.4c))，使批归一化与实例归一化的差别清晰可见</translation>
    </message>
    <message>
        <source>Generator</source>
        <translation>生成器</translation>
    </message>
    <message>
        <source>mean</source>
        <translation>均值</translation>
    </message>
    <message>
        <source>std</source>
        <translation>标准差</translation>
    </message>
    <message>
        <source>low</source>
        <translation>下限</translation>
    </message>
    <message>
        <source>high</source>
        <translation>上限</translation>
    </message>
    <message>
        <source>offset/c</source>
        <translation>偏移/c</translation>
    </message>
    <message>
        <source>seed</source>
        <translation>种子</translation>
    </message>
    <message>
        <source>Mean shift from one channel to the next</source>
        <translation>相邻通道之间的均值偏移</translation>
    </message>
    <message>
        <source>Load .npy...</source>
        <translation>加载 .npy...</translation>
    </message>
    <message>
        <source>Use generator</source>
        <translation>使用生成器</translation>
    </message>
    <message>
        <source>Parameters</source>
        <translation>参数</translation>
    </message>
    <message>
        <source>GroupNorm&apos;s num_groups: only divisors of C</source>
        <translation>组归一化的 num_groups：只能取 C 的约数</translation>
    </message>
    <message>
        <source>num_groups</source>
        <translation>num_groups</translation>
    </message>
    <message>
        <source>LayerNorm/RMSNorm normalized_shape: the input&apos;s last dims</source>
        <translation>层归一化/RMSNorm 的 normalized_shape：输入的最后几维</translation>
    </message>
    <message>
        <source>normalized_shape</source>
        <translation>normalized_shape</translation>
    </message>
    <message>
        <source>eps: 1, 2, 5 per decade from 1e-8 to 10; type any value in the field</source>
        <translation>eps：从 1e-8 到 10，每个数量级取 1、2、5；也可在输入框中输入任意值</translation>
    </message>
    <message>
        <source>eps exactly as PyTorch gets it; any finite number (0 and negative ones too)</source>
        <translation>eps 与 PyTorch 收到的完全相同；任何有限数（包括 0 和负数）</translation>
    </message>
    <message>
        <source>None</source>
        <translation>None</translation>
    </message>
    <message>
        <source>RMSNorm eps=None: the dtype&apos;s machine epsilon</source>
        <translation>RMSNorm 的 eps=None：该 dtype 的机器精度</translation>
    </message>
    <message>
        <source>eps</source>
        <translation>eps</translation>
    </message>
    <message>
        <source>momentum=None: cumulative moving average over all steps (BatchNorm only)</source>
        <translation>momentum=None：对所有步的累积移动平均（仅批归一化）</translation>
    </message>
    <message>
        <source>momentum</source>
        <translation>momentum</translation>
    </message>
    <message>
        <source>Learnable gamma and beta (RMSNorm: gamma only)</source>
        <translation>可学习的 gamma 和 beta（RMSNorm：只有 gamma）</translation>
    </message>
    <message>
        <source>track_running_stats</source>
        <translation>track_running_stats</translation>
    </message>
    <message>
        <source>gamma / beta</source>
        <translation>gamma / beta</translation>
    </message>
    <message>
        <source>Running statistics</source>
        <translation>运行统计量</translation>
    </message>
    <message>
        <source>Step</source>
        <translation>单步</translation>
    </message>
    <message>
        <source>Step on fresh batch</source>
        <translation>新批次单步</translation>
    </message>
    <message>
        <source>Reset</source>
        <translation>重置</translation>
    </message>
    <message>
        <source>eps %1 refused: not a finite number; eps stays %2.</source>
        <translation>eps %1 被拒绝：不是有限数；eps 保持为 %2。</translation>
    </message>
    <message>
        <source>%L1 elements</source>
        <translation>%L1 个元素</translation>
    </message>
    <message>
        <source>%1 = %L2 elements</source>
        <translation>%1 = %L2 个元素</translation>
    </message>
    <message>
        <source>shape %1</source>
        <translation>形状 %1</translation>
    </message>
    <message>
        <source>Loaded %1</source>
        <translation>已加载 %1</translation>
    </message>
    <message>
        <source>%1   (%2 channels each)</source>
        <translation>%1   （每组 %2 个通道）</translation>
    </message>
    <message>
        <source>%1 does not divide C = %2</source>
        <translation>%1 不能整除 C = %2</translation>
    </message>
    <message>
        <source>last %1: (%2) = %3</source>
        <translation>最后 %1 维：(%2) = %3</translation>
    </message>
    <message>
        <source>machine eps</source>
        <translation>机器 eps</translation>
    </message>
    <message>
        <source>%1 (gamma, beta)</source>
        <translation>%1（gamma、beta）</translation>
    </message>
    <message>
        <source>num_batches_tracked = %1 before this pass, %2 after this pass. Step commits the pass; looking never moves them.</source>
        <translation>num_batches_tracked 本次前向前为 %1，之后为 %2。“单步”提交这次前向；只是查看不会改变它们。</translation>
    </message>
    <message>
        <source>num_batches_tracked = %1 before and after this pass (eval leaves them). Step runs one training pass.</source>
        <translation>num_batches_tracked 本次前向前后均为 %1（eval 不改变它们）。“单步”执行一次训练前向。</translation>
    </message>
    <message>
        <source>track_running_stats is off: no running statistics.</source>
        <translation>track_running_stats 已关闭：没有运行统计量。</translation>
    </message>
    <message>
        <source>%1 keeps no running statistics.</source>
        <translation>%1 不保存运行统计量。</translation>
    </message>
    <message>
        <source>Loaded a typed-in tensor</source>
        <translation>已加载手动输入的张量</translation>
    </message>
    <message>
        <source>(B, T, D)  transformer LayerNorm</source>
        <translation>(B, T, D)  Transformer 的 LayerNorm</translation>
    </message>
    <message>
        <source>The input&apos;s axes; (B, T, D) is a batch of token sequences, each token&apos;s D features normalised by LayerNorm(D)</source>
        <translation>输入的各个轴；(B, T, D) 是一批 token 序列，每个 token 的 D 个特征由 LayerNorm(D) 归一化</translation>
    </message>
    <message>
        <source>Layout</source>
        <translation>布局</translation>
    </message>
    <message>
        <source>Transformer LayerNorm (B, T, D)</source>
        <translation>Transformer 的 LayerNorm (B, T, D)</translation>
    </message>
    <message>
        <source>Loaded pictures: %1</source>
        <translation>已加载图片：%1</translation>
    </message>
</context>
<context>
    <name>normscope::ui::CubeHoverOverlay</name>
    <message>
        <source>the drawn cell shows this element,&lt;br&gt;the first of its bin</source>
        <translation>画出的格子显示这个元素，&lt;br&gt;即其区间的第一个元素</translation>
    </message>
</context>
<context>
    <name>normscope::ui::CubeView</name>
    <message>
        <source>The engine refused this configuration.</source>
        <translation>计算引擎拒绝了这个配置。</translation>
    </message>
    <message>
        <source>
(the drawn cell shows this element, the first of its bin)</source>
        <translation>
（画出的格子显示这个元素，即其区间的第一个元素）</translation>
    </message>
    <message>
        <source>No tensor yet</source>
        <translation>尚无张量</translation>
    </message>
</context>
<context>
    <name>normscope::ui::Document</name>
    <message>
        <source>Norm: %1</source>
        <translation>归一化：%1</translation>
    </message>
    <message>
        <source>Shape %1 has %L2 elements; the window takes at most %L3.</source>
        <translation>形状 %1 有 %L2 个元素；窗口最多接受 %L3 个。</translation>
    </message>
    <message>
        <source>Shape %1</source>
        <translation>形状 %1</translation>
    </message>
    <message>
        <source>dtype %1</source>
        <translation>dtype %1</translation>
    </message>
    <message>
        <source>Input generator</source>
        <translation>输入生成器</translation>
    </message>
    <message>
        <source>Load %1</source>
        <translation>加载 %1</translation>
    </message>
    <message>
        <source>Use generator</source>
        <translation>使用生成器</translation>
    </message>
    <message>
        <source>num_groups %1</source>
        <translation>num_groups %1</translation>
    </message>
    <message>
        <source>normalized_shape: last %1 dims</source>
        <translation>normalized_shape：最后 %1 维</translation>
    </message>
    <message>
        <source>eps %1</source>
        <translation>eps %1</translation>
    </message>
    <message>
        <source>momentum %1</source>
        <translation>momentum %1</translation>
    </message>
    <message>
        <source>affine on</source>
        <translation>affine 开</translation>
    </message>
    <message>
        <source>affine off</source>
        <translation>affine 关</translation>
    </message>
    <message>
        <source>gamma[%1] = %2</source>
        <translation>gamma[%1] = %2</translation>
    </message>
    <message>
        <source>beta[%1] = %2</source>
        <translation>beta[%1] = %2</translation>
    </message>
    <message>
        <source>Randomize gamma and beta</source>
        <translation>随机化 gamma 和 beta</translation>
    </message>
    <message>
        <source>Reset gamma and beta</source>
        <translation>重置 gamma 和 beta</translation>
    </message>
    <message>
        <source>train()</source>
        <translation>train()</translation>
    </message>
    <message>
        <source>eval()</source>
        <translation>eval()</translation>
    </message>
    <message>
        <source>track_running_stats on</source>
        <translation>track_running_stats 开</translation>
    </message>
    <message>
        <source>track_running_stats off</source>
        <translation>track_running_stats 关</translation>
    </message>
    <message>
        <source>Reset running statistics</source>
        <translation>重置运行统计量</translation>
    </message>
    <message>
        <source>Step refused: %1</source>
        <translation>单步被拒绝：%1</translation>
    </message>
    <message>
        <source>Step on fresh batch</source>
        <translation>新批次单步</translation>
    </message>
    <message>
        <source>Step</source>
        <translation>单步</translation>
    </message>
    <message>
        <source>Open image %1</source>
        <translation>打开图片 %1</translation>
    </message>
</context>
<context>
    <name>normscope::ui::FormulaPanel</name>
    <message>
        <source>&lt;p&gt;No result yet.&lt;/p&gt;</source>
        <translation>&lt;p&gt;尚无结果。&lt;/p&gt;</translation>
    </message>
    <message>
        <source>&lt;p style=&apos;color:#8c0000&apos;&gt;&lt;b&gt;Not computed:&lt;/b&gt; %1&lt;/p&gt;</source>
        <translation>&lt;p style=&apos;color:#8c0000&apos;&gt;&lt;b&gt;未计算：&lt;/b&gt;%1&lt;/p&gt;</translation>
    </message>
    <message>
        <source> &lt;b&gt;Eval mode:&lt;/b&gt; the statistics are the tracked running_mean and running_var of the element&apos;s channel, not this batch&apos;s: their values before this pass, which eval leaves as they are (num_batches_tracked = %1).</source>
        <translation>&lt;b&gt;评估模式：&lt;/b&gt;统计量是该元素所在通道被跟踪的 running_mean 和 running_var，而不是这一批的：它们是本次前向之前的值，eval 不会改变它们（num_batches_tracked = %1）。</translation>
    </message>
    <message>
        <source> This training pass normalises with the batch&apos;s statistics and moves running_mean and running_var one step (num_batches_tracked %1 before this pass, %2 after it; the table shows them after this pass).</source>
        <translation>这次训练前向用这一批的统计量做归一化，并把 running_mean 和 running_var 更新一步（num_batches_tracked 本次前向前为 %1，之后为 %2；表中显示的是本次前向之后的值）。</translation>
    </message>
    <message>
        <source> Affine is off: no γ.</source>
        <translation>affine 已关闭：没有 γ。</translation>
    </message>
    <message>
        <source> Affine is off: no γ or β.</source>
        <translation>affine 已关闭：没有 γ 和 β。</translation>
    </message>
    <message>
        <source>&lt;p style=&apos;color:#666&apos;&gt;&lt;i&gt;Hover a cell of the cube to follow its numbers through the formula.&lt;/i&gt;&lt;/p&gt;</source>
        <translation>&lt;p style=&apos;color:#666&apos;&gt;&lt;i&gt;悬停在立方体的格子上，跟着它的数值走一遍公式。&lt;/i&gt;&lt;/p&gt;</translation>
    </message>
    <message>
        <source>&lt;p&gt;Element (%1), x = &lt;b&gt;%2&lt;/b&gt;, group %3 (%4 elements)%5:&lt;/p&gt;</source>
        <translation>&lt;p&gt;元素 (%1)，x = &lt;b&gt;%2&lt;/b&gt;，组 %3（%4 个元素）%5：&lt;/p&gt;</translation>
    </message>
    <message>
        <source>, statistics of channel c=%1</source>
        <translation>，使用通道 c=%1 的统计量</translation>
    </message>
    <message>
        <source>&lt;p&gt;&lt;b&gt;Backward:&lt;/b&gt; dL/dy = %1, g = dL/dy · γ = %2</source>
        <translation>&lt;p&gt;&lt;b&gt;反向传播：&lt;/b&gt;dL/dy = %1，g = dL/dy · γ = %2</translation>
    </message>
    <message>
        <source>, over the group mean(g · x-hat) = %1</source>
        <translation>，组内 mean(g · x-hat) = %1</translation>
    </message>
    <message>
        <source>, over the group mean(g) = %1, mean(g · x-hat) = %2</source>
        <translation>，组内 mean(g) = %1，mean(g · x-hat) = %2</translation>
    </message>
    <message>
        <source>&lt;p style=&apos;color:#444&apos;&gt;Eval with running statistics: the mean and the variance are constants, so dL/dy reaches x through this element alone.&lt;/p&gt;</source>
        <translation>&lt;p style=&apos;color:#444&apos;&gt;评估模式使用运行统计量：均值和方差是常数，所以 dL/dy 只经由这个元素到达 x。&lt;/p&gt;</translation>
    </message>
    <message>
        <source>&lt;p style=&apos;color:#444&apos;&gt;The statistics come from the input: dL/dy reaches every element of the group through mean(g) and mean(g · x-hat).&lt;/p&gt;</source>
        <translation>&lt;p style=&apos;color:#444&apos;&gt;统计量来自输入：dL/dy 经由 mean(g) 和 mean(g · x-hat) 到达组内每个元素。&lt;/p&gt;</translation>
    </message>
    <message>
        <source>&lt;p style=&apos;color:#8c0000&apos;&gt;No gradient: %1&lt;/p&gt;</source>
        <translation>&lt;p style=&apos;color:#8c0000&apos;&gt;没有梯度：%1&lt;/p&gt;</translation>
    </message>
    <message>
        <source>%1.</source>
        <comment>the layout&apos;s rule as a sentence</comment>
        <translation>%1。</translation>
    </message>
</context>
<context>
    <name>normscope::ui::GammaBetaEditor</name>
    <message>
        <source>Randomize</source>
        <translation>随机化</translation>
    </message>
    <message>
        <source>Reset</source>
        <translation>重置</translation>
    </message>
    <message>
        <source>gamma</source>
        <translation>gamma</translation>
    </message>
    <message>
        <source>beta</source>
        <translation>beta</translation>
    </message>
    <message>
        <source>gamma ~ N(1, 0.4), beta ~ N(0, 0.8)</source>
        <translation>gamma ~ N(1, 0.4)，beta ~ N(0, 0.8)</translation>
    </message>
    <message>
        <source>gamma = 1, beta = 0, as a new module</source>
        <translation>gamma = 1，beta = 0，与新建的模块相同</translation>
    </message>
    <message>
        <source>%1=False: weight and bias are None, so y = x-hat.</source>
        <translation>%1=False：weight 和 bias 为 None，因此 y = x-hat。</translation>
    </message>
    <message>
        <source>%1=False: weight is None, so y = x-hat.</source>
        <translation>%1=False：weight 为 None，因此 y = x-hat。</translation>
    </message>
    <message>
        <source>%1 parameters: too many to list; Randomize and Reset still apply.</source>
        <translation>%1 个参数：太多，无法逐个列出；“随机化”和“重置”仍然有效。</translation>
    </message>
</context>
<context>
    <name>normscope::ui::GradientBox</name>
    <message>
        <source>Gradient dL/dy: %1</source>
        <translation>梯度 dL/dy：%1</translation>
    </message>
    <message>
        <source>Load dL/dy</source>
        <translation>加载 dL/dy</translation>
    </message>
    <message>
        <source>NumPy arrays (*.npy)</source>
        <translation>NumPy 数组 (*.npy)</translation>
    </message>
    <message>
        <source>Gradient dL/dy from %1</source>
        <translation>梯度 dL/dy 来自 %1</translation>
    </message>
    <message>
        <source>Gradient dL/dy (backward)</source>
        <translation>梯度 dL/dy（反向传播）</translation>
    </message>
    <message>
        <source>off</source>
        <translation>关闭</translation>
    </message>
    <message>
        <source>one-hot at the selected cell</source>
        <translation>选中格子处的独热梯度</translation>
    </message>
    <message>
        <source>all ones (L = sum(y))</source>
        <translation>全为 1 (L = sum(y))</translation>
    </message>
    <message>
        <source>random N(0, 1)</source>
        <translation>随机 N(0, 1)</translation>
    </message>
    <message>
        <source>from an .npy file</source>
        <translation>来自 .npy 文件</translation>
    </message>
    <message>
        <source>The upstream gradient dL/dy of the backward pass; colour the cube by dL/dx to see where it goes</source>
        <translation>反向传播的上游梯度 dL/dy；按 dL/dx 为立方体着色即可看到它流向哪里</translation>
    </message>
    <message>
        <source>seed</source>
        <translation>种子</translation>
    </message>
    <message>
        <source>Load dL/dy...</source>
        <translation>加载 dL/dy...</translation>
    </message>
    <message>
        <source>No backward pass.</source>
        <translation>不进行反向传播。</translation>
    </message>
    <message>
        <source>L = y at (%1); click a cell to move it.</source>
        <translation>L = (%1) 处的 y；点击格子可移动它。</translation>
    </message>
    <message>
        <source>L = sum(y): every dL/dy is 1.</source>
        <translation>L = sum(y)：每个 dL/dy 都是 1。</translation>
    </message>
    <message>
        <source>dL/dy ~ N(0, 1) drawn from the seed.</source>
        <translation>dL/dy ~ N(0, 1)，由种子生成。</translation>
    </message>
    <message>
        <source>From %1</source>
        <translation>来自 %1</translation>
    </message>
</context>
<context>
    <name>normscope::ui::GroupStatsPlot</name>
    <message>
        <source>Per-group statistics of x</source>
        <translation>x 的每组统计量</translation>
    </message>
    <message>
        <source>mean</source>
        <translation>均值</translation>
    </message>
    <message>
        <source>E[x²]</source>
        <translation>E[x²]</translation>
    </message>
    <message>
        <source>var</source>
        <translation>方差</translation>
    </message>
    <message>
        <source>No result yet</source>
        <translation>尚无结果</translation>
    </message>
    <message>
        <source>RMSNorm subtracts no mean</source>
        <translation>RMSNorm 不减均值</translation>
    </message>
    <message>
        <source>var is biased (÷n)</source>
        <translation>方差为有偏估计（÷n）</translation>
    </message>
    <message>
        <source>running</source>
        <translation>运行值</translation>
    </message>
    <message>
        <source>batch</source>
        <translation>批次</translation>
    </message>
    <message>
        <source>batch (eval uses running)</source>
        <translation>批次（eval 使用运行值）</translation>
    </message>
    <message>
        <source>%1 group of n = %2; %3</source>
        <translation>%1 个组，n = %2；%3</translation>
    </message>
    <message>
        <source>%1 groups of n = %2; %3</source>
        <translation>%1 个组，n = %2；%3</translation>
    </message>
</context>
<context>
    <name>normscope::ui::HistogramPlot</name>
    <message>
        <source>Histogram of x and y</source>
        <translation>x 和 y 的直方图</translation>
    </message>
    <message>
        <source>value</source>
        <translation>数值</translation>
    </message>
    <message>
        <source>count</source>
        <translation>计数</translation>
    </message>
    <message>
        <source>input x</source>
        <translation>输入 x</translation>
    </message>
    <message>
        <source>output y</source>
        <translation>输出 y</translation>
    </message>
    <message>
        <source>a sample of %1 of %2 values</source>
        <translation>从 %2 个值中抽样 %1 个</translation>
    </message>
    <message>
        <source>x: %1</source>
        <translation>x：%1</translation>
    </message>
    <message>
        <source>y: %1 NaN/inf</source>
        <translation>y：%1 个 NaN/inf</translation>
    </message>
    <message>
        <source>%1 not shown</source>
        <translation>%1 未显示</translation>
    </message>
    <message>
        <source>No result yet</source>
        <translation>尚无结果</translation>
    </message>
</context>
<context>
    <name>normscope::ui::ImageInput</name>
    <message>
        <source>The image was scaled down from %1 to %2 to fit the window&apos;s limit of %3 elements.</source>
        <translation>图片已从 %1 缩小到 %2，以适应窗口 %3 个元素的上限。</translation>
    </message>
</context>
<context>
    <name>normscope::ui::LessonsPanel</name>
    <message>
        <source>Pick a lesson: it opens at its first step</source>
        <translation>选择一个课程：从第一步开始</translation>
    </message>
    <message>
        <source>Back</source>
        <translation>上一步</translation>
    </message>
    <message>
        <source>The step before (Page Up)</source>
        <translation>上一步 (Page Up)</translation>
    </message>
    <message>
        <source>Next</source>
        <translation>下一步</translation>
    </message>
    <message>
        <source>The next step (Page Down)</source>
        <translation>下一步 (Page Down)</translation>
    </message>
    <message>
        <source>&lt;p&gt;Pick a lesson above. Each step sets the window up and says what to look at; Next and Back (Page Down, Page Up) move through it.&lt;/p&gt;</source>
        <translation>&lt;p&gt;在上方选择一个课程。每一步都会设置好窗口并说明要看什么；用“下一步”和“上一步”（Page Down、Page Up）逐步浏览。&lt;/p&gt;</translation>
    </message>
    <message>
        <source>&lt;p&gt;This step cannot be shown: %1&lt;/p&gt;</source>
        <translation>&lt;p&gt;无法显示这一步：%1&lt;/p&gt;</translation>
    </message>
    <message>
        <source>Step %1 of %2</source>
        <translation>第 %1 步，共 %2 步</translation>
    </message>
</context>
<context>
    <name>normscope::ui::MainWindow</name>
    <message>
        <source>NormScope</source>
        <translation>NormScope</translation>
    </message>
    <message>
        <source>Cube</source>
        <translation>立方体</translation>
    </message>
    <message>
        <source>Compare all five norms  (Ctrl+K)</source>
        <translation>比较全部五种归一化  (Ctrl+K)</translation>
    </message>
    <message>
        <source>Controls</source>
        <translation>控制</translation>
    </message>
    <message>
        <source>Statistics per group</source>
        <translation>每组统计量</translation>
    </message>
    <message>
        <source>Hovered element</source>
        <translation>悬停的元素</translation>
    </message>
    <message>
        <source>PyTorch code</source>
        <translation>PyTorch 代码</translation>
    </message>
    <message>
        <source>Plots</source>
        <translation>图表</translation>
    </message>
    <message>
        <source>About NormScope</source>
        <translation>关于 NormScope</translation>
    </message>
    <message>
        <source>&lt;b&gt;NormScope&lt;/b&gt;&lt;p&gt;Which elements share a mean and a variance? BatchNorm, LayerNorm, InstanceNorm, GroupNorm and RMSNorm, computed as PyTorch does and drawn as the cube of the Group Normalization paper.&lt;/p&gt;</source>
        <translation>&lt;b&gt;NormScope&lt;/b&gt;&lt;p&gt;哪些元素共享同一个均值和方差？批归一化、层归一化、实例归一化、组归一化和 RMSNorm，按 PyTorch 的方式计算，并画成组归一化论文中的立方体。&lt;/p&gt;</translation>
    </message>
    <message>
        <source>&amp;File</source>
        <translation>文件(&amp;F)</translation>
    </message>
    <message>
        <source>&amp;Export</source>
        <translation>导出(&amp;E)</translation>
    </message>
    <message>
        <source>&amp;Edit</source>
        <translation>编辑(&amp;E)</translation>
    </message>
    <message>
        <source>&amp;Run</source>
        <translation>运行(&amp;R)</translation>
    </message>
    <message>
        <source>&amp;View</source>
        <translation>视图(&amp;V)</translation>
    </message>
    <message>
        <source>Main</source>
        <translation>主工具栏</translation>
    </message>
    <message>
        <source>&amp;Language</source>
        <translation>语言(&amp;L)</translation>
    </message>
    <message>
        <source>&amp;Help</source>
        <translation>帮助(&amp;H)</translation>
    </message>
    <message>
        <source>PyTorch refuses: %1</source>
        <translation>PyTorch 拒绝：%1</translation>
    </message>
    <message>
        <source>NormScope&apos;s limit: %1</source>
        <translation>NormScope 的限制：%1</translation>
    </message>
    <message>
        <source>Warning: %1</source>
        <translation>警告：%1</translation>
    </message>
    <message>
        <source>; </source>
        <translation>；</translation>
    </message>
    <message>
        <source>%1 on %2 %3</source>
        <translation>%1，输入 %2 %3</translation>
    </message>
    <message>
        <source>%L1 elements  ·  engine %2 ms  ·  result %3 ms</source>
        <translation>%L1 个元素  ·  引擎 %2 ms  ·  结果 %3 ms</translation>
    </message>
    <message>
        <source>computing… (showing the previous result)  ·  </source>
        <translation>计算中…（显示的是上一个结果）  ·  </translation>
    </message>
    <message>
        <source>Export PyTorch code</source>
        <translation>导出 PyTorch 代码</translation>
    </message>
    <message>
        <source>Python files (*.py);;All files (*)</source>
        <translation>Python 文件 (*.py);;所有文件 (*)</translation>
    </message>
    <message>
        <source>Open input tensor</source>
        <translation>打开输入张量</translation>
    </message>
    <message>
        <source>NumPy arrays (*.npy);;All files (*)</source>
        <translation>NumPy 数组 (*.npy);;所有文件 (*)</translation>
    </message>
    <message>
        <source>Lessons</source>
        <translation>课程</translation>
    </message>
    <message>
        <source>Tensor (as PyTorch prints it)</source>
        <translation>张量（按 PyTorch 的打印格式）</translation>
    </message>
    <message>
        <source>Open image</source>
        <translation>打开图片</translation>
    </message>
    <message>
        <source>Images (%1);;All files (*)</source>
        <translation>图片 (%1);;所有文件 (*)</translation>
    </message>
</context>
<context>
    <name>normscope::ui::PyTorchCodePanel</name>
    <message>
        <source>Copy</source>
        <translation>复制</translation>
    </message>
    <message>
        <source>Equivalent PyTorch code</source>
        <translation>等价的 PyTorch 代码</translation>
    </message>
    <message>
        <source>No result yet</source>
        <translation>尚无结果</translation>
    </message>
    <message>
        <source>Copy the code to the clipboard</source>
        <translation>将代码复制到剪贴板</translation>
    </message>
</context>
<context>
    <name>normscope::ui::RunningStatsPlot</name>
    <message>
        <source>Running statistics</source>
        <translation>运行统计量</translation>
    </message>
    <message>
        <source>mean</source>
        <translation>均值</translation>
    </message>
    <message>
        <source>var</source>
        <translation>方差</translation>
    </message>
    <message>
        <source>training step</source>
        <translation>训练步数</translation>
    </message>
    <message>
        <source>No result yet</source>
        <translation>尚无结果</translation>
    </message>
    <message>
        <source>%1 keeps no running statistics</source>
        <translation>%1 不保存运行统计量</translation>
    </message>
    <message>
        <source>
(track_running_stats=False)</source>
        <translation>
(track_running_stats=False)</translation>
    </message>
    <message>
        <source>
(only %1 can track them)</source>
        <translation>
（只有 %1 可以跟踪它们）</translation>
    </message>
    <message>
        <source>No running statistics recorded</source>
        <translation>没有记录运行统计量</translation>
    </message>
    <message>
        <source>c=%1</source>
        <translation>c=%1</translation>
    </message>
    <message>
        <source>num_batches_tracked %1 before this pass, %2 after it (last point), %3</source>
        <translation>num_batches_tracked 本次前向前为 %1，之后为 %2（最后一点），%3</translation>
    </message>
    <message>
        <source>num_batches_tracked %1 before and after this pass (eval), %2</source>
        <translation>num_batches_tracked 本次前向前后均为 %1（eval），%2</translation>
    </message>
</context>
<context>
    <name>normscope::ui::SessionController</name>
    <message>
        <source>Open &amp;Recent</source>
        <translation>最近打开(&amp;R)</translation>
    </message>
    <message>
        <source>Open session</source>
        <translation>打开会话</translation>
    </message>
    <message>
        <source>Save session</source>
        <translation>保存会话</translation>
    </message>
    <message>
        <source>Untitled</source>
        <translation>未命名</translation>
    </message>
    <message>
        <source>Unsaved changes</source>
        <translation>未保存的更改</translation>
    </message>
    <message>
        <source>Save the changes to %1 first?</source>
        <translation>先保存对 %1 的更改吗？</translation>
    </message>
    <message>
        <source>NormScope sessions (*.normscope);;All files (*)</source>
        <translation>NormScope 会话 (*.normscope);;所有文件 (*)</translation>
    </message>
    <message>
        <source>%1[*]</source>
        <translation>%1[*]</translation>
    </message>
    <message>
        <source>%1[*] — %2</source>
        <translation>%1[*] — %2</translation>
    </message>
    <message>
        <source>&amp;%1 %2</source>
        <translation>&amp;%1 %2</translation>
    </message>
    <message>
        <source>Open recent</source>
        <translation>最近打开</translation>
    </message>
    <message>
        <source>%1 no longer exists; it is removed from the list.</source>
        <translation>%1 已不存在，已从列表中移除。</translation>
    </message>
</context>
<context>
    <name>normscope::ui::StatsTableModel</name>
    <message>
        <source>group</source>
        <translation>组</translation>
    </message>
    <message>
        <source>count</source>
        <translation>计数</translation>
    </message>
    <message>
        <source>mean</source>
        <translation>均值</translation>
    </message>
    <message>
        <source>var
(biased)</source>
        <translation>方差
（有偏）</translation>
    </message>
    <message>
        <source>var
(unbiased)</source>
        <translation>方差
（无偏）</translation>
    </message>
    <message>
        <source>mean
square</source>
        <translation>均方</translation>
    </message>
    <message>
        <source>rstd</source>
        <translation>rstd</translation>
    </message>
    <message>
        <source>y
mean</source>
        <translation>y
均值</translation>
    </message>
    <message>
        <source>y std
(unbiased)</source>
        <translation>y 标准差
（无偏）</translation>
    </message>
    <message>
        <source>running_mean
after pass</source>
        <translation>running_mean
本次之后</translation>
    </message>
    <message>
        <source>running_var
after pass</source>
        <translation>running_var
本次之后</translation>
    </message>
    <message>
        <source>The elements that share one statistic</source>
        <translation>共享同一统计量的元素</translation>
    </message>
    <message>
        <source>n, the number of elements in the group</source>
        <translation>n，组内元素个数</translation>
    </message>
    <message>
        <source>Mean of x over the group</source>
        <translation>组内 x 的均值</translation>
    </message>
    <message>
        <source>Σ(x − mean)² / n: the variance the norms normalise with</source>
        <translation>Σ(x − mean)² / n：归一化所用的方差</translation>
    </message>
    <message>
        <source>Σ(x − mean)² / (n − 1), torch.var&apos;s default; BatchNorm&apos;s running_var is updated with it. nan when n = 1</source>
        <translation>Σ(x − mean)² / (n − 1)，torch.var 的默认值；批归一化的 running_var 用它更新。n = 1 时为 nan</translation>
    </message>
    <message>
        <source>Σx² / n: RMSNorm divides by sqrt(mean square + eps) and subtracts no mean</source>
        <translation>Σx² / n：RMSNorm 除以 sqrt(均方 + eps)，不减均值</translation>
    </message>
    <message>
        <source>1 / sqrt(var + eps) as the forward pass used it (from running_var in eval with tracked statistics)</source>
        <translation>前向传播所用的 1 / sqrt(var + eps)（eval 且跟踪统计量时来自 running_var）</translation>
    </message>
    <message>
        <source>Mean of y over the group</source>
        <translation>组内 y 的均值</translation>
    </message>
    <message>
        <source>torch.std(y) over the group (n − 1). The biased std of x-hat is just below 1</source>
        <translation>组内的 torch.std(y)（n − 1）。x-hat 的有偏标准差略小于 1</translation>
    </message>
    <message>
        <source>running_mean of the group&apos;s channel after this pass</source>
        <translation>本次前向之后该组所在通道的 running_mean</translation>
    </message>
    <message>
        <source>running_var of the group&apos;s channel after this pass</source>
        <translation>本次前向之后该组所在通道的 running_var</translation>
    </message>
    <message>
        <source>dL/dgamma of the group&apos;s channel: sum over its elements of dL/dy · x-hat</source>
        <translation>该组所在通道的 dL/dgamma：其元素上 dL/dy · x-hat 之和</translation>
    </message>
    <message>
        <source>dL/dbeta of the group&apos;s channel: sum over its elements of dL/dy</source>
        <translation>该组所在通道的 dL/dbeta：其元素上 dL/dy 之和</translation>
    </message>
    <message>
        <source>group %1: %2</source>
        <translation>组 %1：%2</translation>
    </message>
</context>
<context>
    <name>normscope::ui::StatsTableView</name>
    <message>
        <source>Copy (as text and as a table)</source>
        <translation>复制（同时作为文本和表格）</translation>
    </message>
    <message>
        <source>Select all</source>
        <translation>全选</translation>
    </message>
    <message>
        <source>No statistics yet</source>
        <translation>尚无统计量</translation>
    </message>
    <message>
        <source>No statistics: %1</source>
        <translation>没有统计量：%1</translation>
    </message>
</context>
<context>
    <name>normscope::ui::TensorPictures</name>
    <message>
        <source>One range for all channels (keeps the colours&apos; relations)</source>
        <translation>所有通道使用同一范围（保持颜色之间的关系）</translation>
    </message>
    <message>
        <source>x (the input)</source>
        <translation>x（输入）</translation>
    </message>
    <message>
        <source>y (the output)</source>
        <translation>y（输出）</translation>
    </message>
    <message>
        <source>sample %1</source>
        <translation>样本 %1</translation>
    </message>
    <message>
        <source>x is drawn as it is (values in [0, 1]). y is drawn with one range for all channels: its minimum and maximum over the whole batch, [%1, %2], mapped to [0, 1].</source>
        <translation>x 按原样绘制（值在 [0, 1] 中）。y 的所有通道使用同一范围绘制：把它在整个批次上的最小值和最大值 [%1, %2] 映射到 [0, 1]。</translation>
    </message>
    <message>
        <source>gray</source>
        <translation>灰度</translation>
    </message>
    <message>
        <source>R</source>
        <translation>R</translation>
    </message>
    <message>
        <source>G</source>
        <translation>G</translation>
    </message>
    <message>
        <source>B</source>
        <translation>B</translation>
    </message>
    <message>
        <source>%1 [%2, %3]</source>
        <translation>%1 [%2, %3]</translation>
    </message>
    <message>
        <source>x is drawn as it is (values in [0, 1]). y is drawn with each channel mapped from its minimum and maximum over the whole batch to [0, 1]: %1.</source>
        <translation>x 按原样绘制（值在 [0, 1] 中）。y 的每个通道都从它在整个批次上的最小值和最大值映射到 [0, 1]：%1。</translation>
    </message>
</context>
<context>
    <name>normscope::ui::TensorView</name>
    <message>
        <source>No result to print: the module refuses this input.</source>
        <translation>没有可打印的结果：该模块拒绝这个输入。</translation>
    </message>
    <message>
        <source>x (the input)</source>
        <translation>x（输入）</translation>
    </message>
    <message>
        <source>x-hat (normalised)</source>
        <translation>x-hat（归一化后）</translation>
    </message>
    <message>
        <source>y (the output)</source>
        <translation>y（输出）</translation>
    </message>
    <message>
        <source>Highlighted: the group sharing one mean and variance; orange: the element itself.</source>
        <translation>高亮：共用同一均值和方差的组；橙色：该元素本身。</translation>
    </message>
</context>
<context>
    <name>normscope::ui::ViewOptionsBar</name>
    <message>
        <source>Explode</source>
        <translation>分解</translation>
    </message>
    <message>
        <source>input x</source>
        <translation>输入 x</translation>
    </message>
    <message>
        <source>normalized x̂</source>
        <translation>归一化后的 x̂</translation>
    </message>
    <message>
        <source>output y</source>
        <translation>输出 y</translation>
    </message>
    <message>
        <source>hovered group</source>
        <translation>悬停的组</translation>
    </message>
    <message>
        <source>all groups</source>
        <translation>全部组</translation>
    </message>
    <message>
        <source>Light the hovered cell&apos;s group, or give every group its own hue (Ctrl+G)</source>
        <translation>点亮悬停格子所在的组，或给每个组各自的颜色 (Ctrl+G)</translation>
    </message>
    <message>
        <source>Pull the slices apart along an axis to see inner cells (Ctrl+E)</source>
        <translation>沿一个轴把切片拉开，看到内部的格子 (Ctrl+E)</translation>
    </message>
    <message>
        <source>Reset view</source>
        <translation>重置视图</translation>
    </message>
    <message>
        <source>Back to the default rotation and zoom (Ctrl+0)</source>
        <translation>回到默认的旋转和缩放 (Ctrl+0)</translation>
    </message>
    <message>
        <source>Colour by</source>
        <translation>着色依据</translation>
    </message>
    <message>
        <source>Highlight</source>
        <translation>高亮</translation>
    </message>
    <message>
        <source>gradient dL/dx</source>
        <translation>梯度 dL/dx</translation>
    </message>
    <message>
        <source>Colour the cells by x, x-hat, y or dL/dx (Ctrl+1 to Ctrl+4; dL/dx needs a gradient dL/dy)</source>
        <translation>按 x、x-hat、y 或 dL/dx 为格子着色 (Ctrl+1 至 Ctrl+4；dL/dx 需要先选定梯度 dL/dy)</translation>
    </message>
</context>
<context>
    <name>normscope::ui::WindowExports</name>
    <message>
        <source>NormScope: %1</source>
        <translation>NormScope：%1</translation>
    </message>
    <message>
        <source>Saved %1</source>
        <translation>已保存 %1</translation>
    </message>
    <message>
        <source>Export statistics table</source>
        <translation>导出统计表</translation>
    </message>
    <message>
        <source>Export comparison table</source>
        <translation>导出比较表</translation>
    </message>
    <message>
        <source>Export figure</source>
        <translation>导出图</translation>
    </message>
    <message>
        <source>Export tensors</source>
        <translation>导出张量</translation>
    </message>
</context>
</TS>
