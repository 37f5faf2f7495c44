//! Wording of the E6xx: REPL messages, Chinese and English side by side.

use super::*;

pub(super) fn text(msg: &Msg, zh: bool) -> String {
    use Msg::*;
    match msg {
        UnknownCommand { name } => {
            if zh {
                format!("未知的命令“{name}”")
            } else {
                format!("unknown command `{name}`")
            }
        }
        CommandUsage { usage } => {
            if zh {
                format!("命令写法不对，应为：{usage}")
            } else {
                format!("wrong use of the command; write: `{usage}`")
            }
        }
        NoRubric => t(zh, "尚未载入评分表", "no rubric is loaded"),
        UnknownIndicator { name } => {
            if zh {
                format!("未定义的指标“{name}”")
            } else {
                format!("unknown indicator `{name}`")
            }
        }
        BadGoal { target } => {
            if zh {
                format!("无法理解的目标“{target}”")
            } else {
                format!("cannot understand the target `{target}`")
            }
        }
        NotAnInput { name } => {
            if zh {
                format!("“{name}”不是输入项，只能设定或求解输入的值")
            } else {
                format!("`{name}` is not an input; only inputs can be set or solved for")
            }
        }
        GoalRowKind { name, kind } => {
            if zh {
                format!("“{name}”不能求解：只能按 ≥ 或 ≤ 行的实际完成值求解（此处为 {kind}）")
            } else {
                format!("cannot solve for `{name}`: only the actual of a ≥ or ≤ row can be solved for (here: `{kind}`)")
            }
        }
        _ => unreachable!("{} is not a repl message", msg.code()),
    }
}

pub(super) fn help(msg: &Msg, zh: bool) -> Option<String> {
    use Msg::*;
    let s = match msg {
        UnknownCommand { .. } => t(
            zh,
            "输入 :help 查看全部命令",
            "type :help to list the commands",
        ),
        NoRubric => t(
            zh,
            "先用 :load 文件.jx 载入评分表",
            "load one first with :load FILE.jx",
        ),
        UnknownIndicator { .. } => t(
            zh,
            "输入 :tree 查看全部指标",
            "type :tree to list the indicators",
        ),
        BadGoal { .. } => t(
            zh,
            "写成 总分 >= 90、等级 = 优 或 指标名 >= 分数，再写 by 输入名",
            "write `总分 >= 90`, `等级 = 优` or `INDICATOR >= points`, then `by INPUT`",
        ),
        NotAnInput { .. } => t(
            zh,
            "“定义”的值由输入算出；请设定它所依据的输入",
            "a `定义` value is computed from inputs; set those inputs instead",
        ),
        GoalRowKind { .. } => t(
            zh,
            "写成 by 表名[行号].实际完成值；= 与定性行请用 :whatif 表名[行号].实际完成值 = 值 试算",
            "write `by TABLE[N].实际完成值`; for `=` and `定性` rows try values with `:whatif TABLE[N].实际完成值 = VALUE`",
        ),
        _ => return None,
    };
    Some(s)
}
