//! I-01…I-05: the import findings of DATA.md, listed here so that `nianbao rules` documents
//! them. The importers emit them; these checks do nothing.

use crate::finding::Finding;

use super::{rule, Context};

fn emitted_by_importers(_: &Context, _: &mut Vec<Finding>) {}

rule!(
    I_01,
    "I-01",
    Warning,
    "表格区域中无法归入任何单元格的数字",
    "a number in a table area that fits no cell",
    emitted_by_importers,
    "## 检查什么（导入时）\n表格区域里有一个数字，无法放进模板的任何单元格。\n\n\
## 为什么\n不能悄悄丢掉数字：请到原文该位置核对。\n\n\
## 示例\n第三部分某行多出第 8 个数字。"
);

rule!(
    I_02,
    "I-02",
    Warning,
    "数值不能唯一确定",
    "a value the text does not fix",
    emitted_by_importers,
    "## 检查什么（导入时）\n原文不能唯一确定数值（例如数字连在一起“3960181”），单元格中是最可能的读法，alternatives 列出其他读法。\n\n\
## 为什么\n不悄悄猜测：请核对原文。\n\n\
## 示例\n网页抓取文本“行政规范性文件0011”可读作 0/0/11 或 0/01/1。"
);

rule!(
    I_03,
    "I-03",
    Warning,
    "单元格既不是数字也不是已知符号",
    "a cell that is neither a number nor a known mark",
    emitted_by_importers,
    "## 检查什么（导入时）\n单元格的文字既不是数字，也不是“/”“-”“—”“无”等已知符号。\n\n\
## 为什么\n这种值无法参与计算，需要人工确认。\n\n\
## 示例\n单元格写“见附件”。"
);

rule!(
    I_04,
    "I-04",
    Error,
    "输入无法读取",
    "the input cannot be read at all",
    emitted_by_importers,
    "## 检查什么（导入时）\n输入完全无法读取（格式不对、文件损坏、未知编码）；此时不报告其他任何问题。\n\n\
## 为什么\n没有可检查的内容。\n\n\
## 示例\n上传了一个空文件或一张图片。"
);

rule!(
    I_05,
    "I-05",
    Info,
    "未找到某一部分或表格",
    "a section or table was not found",
    emitted_by_importers,
    "## 检查什么（导入时）\n输入中没有找到某一部分或某个表格（是否构成错误由 S 规则判断）。\n\n\
## 为什么\n让使用者知道哪些内容没有读到。\n\n\
## 示例\n网页只抓取到前 2000 字，第三部分表格没有出现。"
);
