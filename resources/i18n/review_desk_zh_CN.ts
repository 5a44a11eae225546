<?xml version="1.0" encoding="utf-8"?>
<!DOCTYPE TS>
<TS version="2.1" language="zh_CN" sourcelanguage="en">
<context>
    <name>Actions</name>
    <message>
        <location filename="../../ui/actions.py" line="77"/>
        <source>&amp;Approve and next</source>
        <translation>批准并转到下一条(&amp;A)</translation>
    </message>
    <message>
        <location filename="../../ui/actions.py" line="77"/>
        <source>Approve this post and open the next one</source>
        <translation>批准此帖子并打开下一条</translation>
    </message>
    <message>
        <location filename="../../ui/actions.py" line="78"/>
        <source>Approve</source>
        <translation>批准</translation>
    </message>
    <message>
        <location filename="../../ui/actions.py" line="78"/>
        <source>Approve this post and stay on it</source>
        <translation>批准此帖子并停留在此</translation>
    </message>
    <message>
        <location filename="../../ui/actions.py" line="79"/>
        <source>&amp;Request changes…</source>
        <translation>要求修改(&amp;R)…</translation>
    </message>
    <message>
        <location filename="../../ui/actions.py" line="79"/>
        <source>Send the post back to HQ, with a reason</source>
        <translation>将帖子退回总部，并说明原因</translation>
    </message>
    <message>
        <location filename="../../ui/actions.py" line="80"/>
        <source>Re&amp;ject…</source>
        <translation>拒绝(&amp;J)…</translation>
    </message>
    <message>
        <location filename="../../ui/actions.py" line="80"/>
        <source>Reject the post, with a reason</source>
        <translation>拒绝此帖子，并说明原因</translation>
    </message>
    <message>
        <location filename="../../ui/actions.py" line="81"/>
        <source>Re&amp;open…</source>
        <translation>重新打开(&amp;O)…</translation>
    </message>
    <message>
        <location filename="../../ui/actions.py" line="81"/>
        <source>Take a decided post back into review, with a reason</source>
        <translation>将已有决定的帖子重新转入审校，并说明原因</translation>
    </message>
    <message>
        <location filename="../../ui/actions.py" line="82"/>
        <source>&amp;Sign off</source>
        <translation>签核(&amp;S)</translation>
    </message>
    <message>
        <location filename="../../ui/actions.py" line="82"/>
        <source>Confirm a reviewer&apos;s approved rewrite (coordinator, second person)</source>
        <translation>确认审校员已批准的改写（由协调员作为第二人确认）</translation>
    </message>
    <message>
        <location filename="../../ui/actions.py" line="83"/>
        <source>Sa&amp;ve rewrite</source>
        <translation>保存改写(&amp;V)</translation>
    </message>
    <message>
        <location filename="../../ui/actions.py" line="83"/>
        <source>Save the rewrite as a new revision</source>
        <translation>将改写保存为新修订版</translation>
    </message>
    <message>
        <location filename="../../ui/actions.py" line="84"/>
        <source>A&amp;nnotate selection…</source>
        <translation>批注所选内容(&amp;N)…</translation>
    </message>
    <message>
        <location filename="../../ui/actions.py" line="84"/>
        <source>Mark the selected text with an error category and severity</source>
        <translation>为所选文本标注错误类别和严重程度</translation>
    </message>
    <message>
        <location filename="../../ui/actions.py" line="85"/>
        <source>Assi&amp;gn to…</source>
        <translation>分配给(&amp;G)…</translation>
    </message>
    <message>
        <location filename="../../ui/actions.py" line="85"/>
        <source>Give this post to a reviewer (coordinator)</source>
        <translation>将此帖子分配给一位审校员（协调员）</translation>
    </message>
    <message>
        <source>&amp;Next post</source>
        <translation type="vanished">下一条帖子(&amp;N)</translation>
    </message>
    <message>
        <location filename="../../ui/actions.py" line="86"/>
        <source>Open the next post of the queue</source>
        <translation>打开队列中的下一条帖子</translation>
    </message>
    <message>
        <location filename="../../ui/actions.py" line="86"/>
        <source>Ne&amp;xt post</source>
        <translation>下一条帖子(&amp;X)</translation>
    </message>
    <message>
        <location filename="../../ui/actions.py" line="87"/>
        <source>&amp;Previous post</source>
        <translation>上一条帖子(&amp;P)</translation>
    </message>
    <message>
        <location filename="../../ui/actions.py" line="87"/>
        <source>Open the previous post of the queue</source>
        <translation>打开队列中的上一条帖子</translation>
    </message>
    <message>
        <location filename="../../ui/actions.py" line="88"/>
        <source>&amp;Undo</source>
        <translation>撤销(&amp;U)</translation>
    </message>
    <message>
        <location filename="../../ui/actions.py" line="88"/>
        <source>Take back the last action</source>
        <translation>撤销上一步操作</translation>
    </message>
    <message>
        <location filename="../../ui/actions.py" line="89"/>
        <source>&amp;Redo</source>
        <translation>重做(&amp;R)</translation>
    </message>
    <message>
        <location filename="../../ui/actions.py" line="89"/>
        <source>Do again what was undone</source>
        <translation>重新执行已撤销的操作</translation>
    </message>
    <message>
        <location filename="../../ui/actions.py" line="90"/>
        <source>&amp;Find…</source>
        <translation>查找(&amp;F)…</translation>
    </message>
    <message>
        <location filename="../../ui/actions.py" line="97"/>
        <source>Import draft posts from CSV, XLSX, JSON, JSONL or XLIFF</source>
        <translation>从 CSV、XLSX、JSON、JSONL 或 XLIFF 文件导入帖子草稿</translation>
    </message>
    <message>
        <source>Search source, drafts and rewrites</source>
        <translation type="vanished">搜索原文、草稿和改写</translation>
    </message>
    <message>
        <location filename="../../ui/actions.py" line="90"/>
        <source>Search source, drafts, rewrites and ids; Enter shows the first post found, Escape clears</source>
        <translation>搜索原文、草稿、改写和编号；回车显示找到的第一条帖子，Esc 清除搜索</translation>
    </message>
    <message>
        <location filename="../../ui/actions.py" line="91"/>
        <source>Go to the &amp;queue</source>
        <translation>转到队列(&amp;Q)</translation>
    </message>
    <message>
        <location filename="../../ui/actions.py" line="91"/>
        <source>Move the keyboard to the list of posts (arrows move in it, Tab leaves it)</source>
        <translation>把键盘焦点移到帖子列表（方向键在列表中移动，Tab 离开列表）</translation>
    </message>
    <message>
        <location filename="../../ui/actions.py" line="92"/>
        <source>Go to the re&amp;write</source>
        <translation>转到改写(&amp;W)</translation>
    </message>
    <message>
        <location filename="../../ui/actions.py" line="92"/>
        <source>Move the keyboard to the rewrite of the post shown</source>
        <translation>把键盘焦点移到当前帖子的改写框</translation>
    </message>
    <message>
        <location filename="../../ui/actions.py" line="93"/>
        <source>Go to the &amp;hints</source>
        <translation>转到提示(&amp;H)</translation>
    </message>
    <message>
        <location filename="../../ui/actions.py" line="93"/>
        <source>Move the keyboard to the hints: the first Dismiss… or Insert button</source>
        <translation>把键盘焦点移到提示栏：第一个“忽略…”或“插入”按钮</translation>
    </message>
    <message>
        <location filename="../../ui/actions.py" line="94"/>
        <source>Side by side / stacked</source>
        <translation>并排 / 上下排列</translation>
    </message>
    <message>
        <location filename="../../ui/actions.py" line="94"/>
        <source>Show the texts side by side or one above the other</source>
        <translation>将各文本并排显示或上下排列显示</translation>
    </message>
    <message>
        <location filename="../../ui/actions.py" line="95"/>
        <source>Show picture</source>
        <translation>显示图片</translation>
    </message>
    <message>
        <location filename="../../ui/actions.py" line="95"/>
        <source>Show the post&apos;s first picture full size (Tab to the others, Enter shows one)</source>
        <translation>以原尺寸显示帖子的第一张图片（按 Tab 移到其他图片，按 Enter 显示）</translation>
    </message>
    <message>
        <location filename="../../ui/actions.py" line="96"/>
        <source>Preview / difference</source>
        <translation>预览 / 差异</translation>
    </message>
    <message>
        <location filename="../../ui/actions.py" line="96"/>
        <source>Show the post as its platform folds it, or the difference to HQ&apos;s draft, under the rewrite</source>
        <translation>在改写下方显示帖子在其平台上的折叠效果，或与总部草稿的差异</translation>
    </message>
    <message>
        <location filename="../../ui/actions.py" line="97"/>
        <source>Import &amp;batch…</source>
        <translation>导入批次(&amp;B)…</translation>
    </message>
    <message>
        <source>Import draft posts from CSV, XLSX, JSON or JSONL</source>
        <translation type="vanished">从 CSV、XLSX、JSON 或 JSONL 文件导入帖子草稿</translation>
    </message>
    <message>
        <location filename="../../ui/actions.py" line="98"/>
        <source>Import &amp;glossary…</source>
        <translation>导入术语表(&amp;G)…</translation>
    </message>
    <message>
        <location filename="../../ui/actions.py" line="98"/>
        <source>Import a CSV or TBX glossary</source>
        <translation>导入 CSV 或 TBX 术语表</translation>
    </message>
    <message>
        <location filename="../../ui/actions.py" line="99"/>
        <source>Import &amp;memory (TMX)…</source>
        <translation>导入翻译记忆（TMX）(&amp;M)…</translation>
    </message>
    <message>
        <location filename="../../ui/actions.py" line="99"/>
        <source>Add a TMX file to the translation memory</source>
        <translation>将 TMX 文件添加到翻译记忆</translation>
    </message>
    <message>
        <location filename="../../ui/actions.py" line="100"/>
        <source>&amp;Export approved…</source>
        <translation>导出已批准的帖子(&amp;E)…</translation>
    </message>
    <message>
        <location filename="../../ui/actions.py" line="100"/>
        <source>Export a batch&apos;s approved posts (coordinator)</source>
        <translation>导出某一批次中已批准的帖子（协调员）</translation>
    </message>
    <message>
        <location filename="../../ui/actions.py" line="101"/>
        <source>&amp;Report…</source>
        <translation>报告(&amp;R)…</translation>
    </message>
    <message>
        <location filename="../../ui/actions.py" line="101"/>
        <source>Write the review report (HTML with MQM scores and charts) for HQ</source>
        <translation>为总部生成审校报告（含 MQM 评分和图表的 HTML）</translation>
    </message>
    <message>
        <location filename="../../ui/actions.py" line="102"/>
        <source>&amp;Dashboard</source>
        <translation>仪表板(&amp;D)</translation>
    </message>
    <message>
        <location filename="../../ui/actions.py" line="102"/>
        <source>Figures and charts of the review, for one batch or all</source>
        <translation>审校的数据和图表，可看单个批次或全部批次</translation>
    </message>
    <message>
        <source>Import &amp;package…</source>
        <translation type="vanished">导入审校包(&amp;P)…</translation>
    </message>
    <message>
        <location filename="../../ui/actions.py" line="103"/>
        <source>Merge a review package from another laptop</source>
        <translation>合并来自另一台笔记本电脑的审校包</translation>
    </message>
    <message>
        <location filename="../../ui/actions.py" line="103"/>
        <source>Import pac&amp;kage…</source>
        <translation>导入审校包(&amp;K)…</translation>
    </message>
    <message>
        <location filename="../../ui/actions.py" line="104"/>
        <source>&amp;Load sample</source>
        <translation>载入示例(&amp;L)</translation>
    </message>
    <message>
        <location filename="../../ui/actions.py" line="104"/>
        <source>Add the bundled sample batches and starter glossaries to this desk, to try Review Desk out</source>
        <translation>把自带的示例批次和入门术语表加入这台电脑，用来试用 Review Desk</translation>
    </message>
    <message>
        <location filename="../../ui/actions.py" line="105"/>
        <source>&amp;Send batch to reviewer…</source>
        <translation>将批次发送给审校员(&amp;S)…</translation>
    </message>
    <message>
        <location filename="../../ui/actions.py" line="105"/>
        <source>Make a work package of a batch for a reviewer&apos;s laptop (coordinator)</source>
        <translation>为审校员的笔记本电脑制作批次工作包（协调员）</translation>
    </message>
    <message>
        <location filename="../../ui/actions.py" line="106"/>
        <source>Re&amp;turn my work…</source>
        <translation>交回我的工作(&amp;T)…</translation>
    </message>
    <message>
        <location filename="../../ui/actions.py" line="106"/>
        <source>Make a results package of what you did on this laptop</source>
        <translation>将您在本机完成的工作制作成结果包</translation>
    </message>
    <message>
        <location filename="../../ui/actions.py" line="107"/>
        <source>S&amp;ync now</source>
        <translation>立即同步(&amp;Y)</translation>
    </message>
    <message>
        <location filename="../../ui/actions.py" line="107"/>
        <source>Send your work to HQ&apos;s server and receive the batches your office may see</source>
        <translation>把你的工作发送到总部的服务器，并接收你的办公室可以查看的批次</translation>
    </message>
    <message>
        <location filename="../../ui/actions.py" line="108"/>
        <source>Sync a&amp;utomatically</source>
        <translation>自动同步(&amp;U)</translation>
    </message>
    <message>
        <location filename="../../ui/actions.py" line="108"/>
        <source>Sync with HQ&apos;s server every few minutes when it can be reached</source>
        <translation>在能连接到总部服务器时，每隔几分钟同步一次</translation>
    </message>
    <message>
        <location filename="../../ui/actions.py" line="109"/>
        <source>Resolve &amp;conflict…</source>
        <translation>解决冲突(&amp;C)…</translation>
    </message>
    <message>
        <location filename="../../ui/actions.py" line="109"/>
        <source>Compare the versions of a post in conflict and keep one (coordinator)</source>
        <translation>比较冲突帖子的各个版本并保留其一（协调员）</translation>
    </message>
    <message>
        <source>Insert missing inline &amp;code</source>
        <translation type="vanished">插入缺少的内联代码(&amp;C)</translation>
    </message>
    <message>
        <location filename="../../ui/actions.py" line="110"/>
        <source>Put the next inline code the rewrite lacks at the cursor (around the selection, for a pair)</source>
        <translation>在光标处插入改写中缺少的下一个内联代码（成对代码则包住所选文字）</translation>
    </message>
    <message>
        <location filename="../../ui/actions.py" line="110"/>
        <source>Insert &amp;missing inline code</source>
        <translation>插入缺少的内联代码(&amp;M)</translation>
    </message>
    <message>
        <location filename="../../ui/actions.py" line="111"/>
        <source>&amp;Preferences…</source>
        <translation>首选项(&amp;P)…</translation>
    </message>
    <message>
        <location filename="../../ui/actions.py" line="111"/>
        <source>Your name, role and interface language</source>
        <translation>您的姓名、角色和界面语言</translation>
    </message>
    <message>
        <location filename="../../ui/actions.py" line="112"/>
        <source>&amp;Keyboard shortcuts</source>
        <translation>键盘快捷键(&amp;K)</translation>
    </message>
    <message>
        <location filename="../../ui/actions.py" line="112"/>
        <source>Every action and its shortcut</source>
        <translation>所有操作及其快捷键</translation>
    </message>
    <message>
        <location filename="../../ui/actions.py" line="113"/>
        <source>&amp;About Review Desk</source>
        <translation>关于 Review Desk(&amp;A)</translation>
    </message>
    <message>
        <location filename="../../ui/actions.py" line="113"/>
        <source>Version and licence</source>
        <translation>版本和许可证</translation>
    </message>
    <message>
        <location filename="../../ui/actions.py" line="114"/>
        <source>&amp;Quit</source>
        <translation>退出(&amp;Q)</translation>
    </message>
    <message>
        <location filename="../../ui/actions.py" line="114"/>
        <source>Close Review Desk; nothing is lost</source>
        <translation>关闭 Review Desk，不会丢失任何内容</translation>
    </message>
    <message>
        <location filename="../../ui/actions.py" line="117"/>
        <source>Insert memory match %1</source>
        <translation>插入翻译记忆匹配 %1</translation>
    </message>
    <message>
        <location filename="../../ui/actions.py" line="118"/>
        <source>Insert the translation of memory match %1 into the rewrite</source>
        <translation>将翻译记忆匹配 %1 的译文插入改写</translation>
    </message>
</context>
<context>
    <name>AnnotationDialog</name>
    <message>
        <location filename="../../ui/annotations.py" line="169"/>
        <location filename="../../ui/annotations.py" line="249"/>
        <source>Annotate</source>
        <translation>批注</translation>
    </message>
    <message>
        <location filename="../../ui/annotations.py" line="183"/>
        <source>&amp;Category:</source>
        <translation>类别(&amp;C)：</translation>
    </message>
    <message>
        <location filename="../../ui/annotations.py" line="189"/>
        <source>optional, e.g. mistranslation</source>
        <translation>可选，例如：误译</translation>
    </message>
    <message>
        <location filename="../../ui/annotations.py" line="195"/>
        <source>&amp;Subcategory:</source>
        <translation>子类别(&amp;S)：</translation>
    </message>
    <message>
        <location filename="../../ui/annotations.py" line="196"/>
        <source>Severity:</source>
        <translation>严重程度：</translation>
    </message>
    <message>
        <location filename="../../ui/annotations.py" line="199"/>
        <source>What is wrong, and what to say instead. HQ reads this.</source>
        <translation>哪里有问题，应该怎么说。总部会阅读此内容。</translation>
    </message>
    <message>
        <location filename="../../ui/annotations.py" line="201"/>
        <source>C&amp;omment:</source>
        <translation>说明(&amp;O)：</translation>
    </message>
    <message>
        <location filename="../../ui/annotations.py" line="238"/>
        <source>Press {key}</source>
        <translation>按 {key}</translation>
    </message>
    <message>
        <location filename="../../ui/annotations.py" line="250"/>
        <source>Save the annotation ({key})</source>
        <translation>保存批注（{key}）</translation>
    </message>
</context>
<context>
    <name>AnnotationList</name>
    <message>
        <location filename="../../ui/annotations.py" line="430"/>
        <source>&amp;Resolve</source>
        <translation>解决(&amp;R)</translation>
    </message>
    <message>
        <location filename="../../ui/annotations.py" line="431"/>
        <source>Mark the selected annotation as dealt with</source>
        <translation>将所选批注标记为已解决</translation>
    </message>
    <message>
        <location filename="../../ui/annotations.py" line="432"/>
        <location filename="../../ui/annotations.py" line="436"/>
        <source>Delete</source>
        <translation>删除</translation>
    </message>
    <message>
        <location filename="../../ui/annotations.py" line="433"/>
        <source>Delete the selected annotation ({key})</source>
        <translation>删除所选批注（{key}）</translation>
    </message>
    <message>
        <location filename="../../ui/annotations.py" line="435"/>
        <source>Resolve</source>
        <translation>解决</translation>
    </message>
</context>
<context>
    <name>Annotations</name>
    <message>
        <location filename="../../ui/annotations.py" line="59"/>
        <source>Accuracy</source>
        <translation>准确性</translation>
    </message>
    <message>
        <location filename="../../ui/annotations.py" line="60"/>
        <source>The meaning differs from the source: mistranslated, left out or added.</source>
        <translation>意思与原文不符：误译、漏译或增译。</translation>
    </message>
    <message>
        <location filename="../../ui/annotations.py" line="63"/>
        <source>Fluency</source>
        <translation>流畅性</translation>
    </message>
    <message>
        <location filename="../../ui/annotations.py" line="64"/>
        <source>Grammar, spelling, punctuation or wording that does not read naturally.</source>
        <translation>语法、拼写、标点或措辞读起来不自然。</translation>
    </message>
    <message>
        <location filename="../../ui/annotations.py" line="67"/>
        <source>Terminology</source>
        <translation>术语</translation>
    </message>
    <message>
        <location filename="../../ui/annotations.py" line="68"/>
        <source>A term not rendered the way the glossary or the field says.</source>
        <translation>术语的译法不符合术语表或行业惯例。</translation>
    </message>
    <message>
        <location filename="../../ui/annotations.py" line="71"/>
        <source>Style</source>
        <translation>风格</translation>
    </message>
    <message>
        <location filename="../../ui/annotations.py" line="72"/>
        <source>Register or tone that does not suit the account or the platform.</source>
        <translation>语体或语气不适合该账号或平台。</translation>
    </message>
    <message>
        <location filename="../../ui/annotations.py" line="75"/>
        <source>Locale convention</source>
        <translation>区域惯例</translation>
    </message>
    <message>
        <location filename="../../ui/annotations.py" line="76"/>
        <source>Dates, numbers, currency, names or addresses in a foreign format.</source>
        <translation>日期、数字、货币、姓名或地址的格式不符合当地习惯。</translation>
    </message>
    <message>
        <location filename="../../ui/annotations.py" line="79"/>
        <source>Audience appropriateness (cultural)</source>
        <translation>受众适宜性（文化）</translation>
    </message>
    <message>
        <location filename="../../ui/annotations.py" line="80"/>
        <source>Reads wrongly to local readers: political, offensive or culturally out of place.</source>
        <translation>当地读者读来不妥：涉及政治、冒犯他人或在文化上不合时宜。</translation>
    </message>
    <message>
        <location filename="../../ui/annotations.py" line="83"/>
        <source>Design and length</source>
        <translation>设计（长度/格式）</translation>
    </message>
    <message>
        <location filename="../../ui/annotations.py" line="84"/>
        <source>Too long for the platform, or a problem with links, hashtags, emoji or layout.</source>
        <translation>超出平台长度限制，或链接、话题标签、表情符号、版式有问题。</translation>
    </message>
    <message>
        <location filename="../../ui/annotations.py" line="87"/>
        <source>Other</source>
        <translation>其他</translation>
    </message>
    <message>
        <location filename="../../ui/annotations.py" line="88"/>
        <source>Anything else: say what in the comment.</source>
        <translation>其他问题：请在说明中写明。</translation>
    </message>
    <message>
        <location filename="../../ui/annotations.py" line="92"/>
        <source>Neutral</source>
        <translation>中性</translation>
    </message>
    <message>
        <location filename="../../ui/annotations.py" line="93"/>
        <source>Minor</source>
        <translation>轻微</translation>
    </message>
    <message>
        <location filename="../../ui/annotations.py" line="94"/>
        <source>Major</source>
        <translation>严重</translation>
    </message>
    <message>
        <location filename="../../ui/annotations.py" line="95"/>
        <source>Critical</source>
        <translation>致命</translation>
    </message>
    <message>
        <location filename="../../ui/annotations.py" line="98"/>
        <source>open</source>
        <translation>未解决</translation>
    </message>
    <message>
        <location filename="../../ui/annotations.py" line="99"/>
        <source>resolved</source>
        <translation>已解决</translation>
    </message>
    <message>
        <location filename="../../ui/annotations.py" line="306"/>
        <source>Severity</source>
        <translation>严重程度</translation>
    </message>
    <message>
        <location filename="../../ui/annotations.py" line="307"/>
        <source>Excerpt</source>
        <translation>摘录</translation>
    </message>
    <message>
        <location filename="../../ui/annotations.py" line="308"/>
        <source>Comment</source>
        <translation>说明</translation>
    </message>
    <message>
        <location filename="../../ui/annotations.py" line="309"/>
        <source>Category</source>
        <translation>类别</translation>
    </message>
    <message>
        <location filename="../../ui/annotations.py" line="310"/>
        <source>Rev</source>
        <translation>版本</translation>
    </message>
    <message>
        <location filename="../../ui/annotations.py" line="311"/>
        <source>Status</source>
        <translation>状态</translation>
    </message>
    <message>
        <location filename="../../ui/annotations.py" line="368"/>
        <source>rev {n}</source>
        <translation>第 {n} 版</translation>
    </message>
    <message>
        <location filename="../../ui/annotations.py" line="382"/>
        <source>{author}: {comment}</source>
        <translation>{author}：{comment}</translation>
    </message>
</context>
<context>
    <name>Approval</name>
    <message>
        <location filename="../../ui/dialogs.py" line="190"/>
        <source>Approve despite errors?</source>
        <translation>有错误仍要批准吗？</translation>
    </message>
    <message>
        <location filename="../../ui/dialogs.py" line="191"/>
        <source>The checks found open errors in post %1:</source>
        <translation>检查在帖子 %1 中发现了未处理的错误：</translation>
    </message>
    <message>
        <location filename="../../ui/dialogs.py" line="194"/>
        <source>Fix them, or dismiss a finding that does not apply (say why). Approving anyway records these findings with the approval, for HQ to see.</source>
        <translation>请修改，或忽略不适用的发现（说明原因）。仍然批准时，这些发现会随批准一起记录，供总部查看。</translation>
    </message>
    <message>
        <location filename="../../ui/dialogs.py" line="200"/>
        <source>&amp;Keep unapproved</source>
        <translation>保持未批准(&amp;K)</translation>
    </message>
    <message>
        <location filename="../../ui/dialogs.py" line="202"/>
        <source>&amp;Approve anyway</source>
        <translation>仍然批准(&amp;A)</translation>
    </message>
</context>
<context>
    <name>Checks</name>
    <message>
        <location filename="../../ui/messages.py" line="20"/>
        <source>The text is empty: write the post.</source>
        <translation>内容为空：请撰写帖子。</translation>
    </message>
    <message>
        <location filename="../../ui/messages.py" line="21"/>
        <source>The inline codes differ from HQ&apos;s file (missing: {missing}; added: {added}; repeated: {duplicated}): keep each code once, so the CAT tool gets its formatting back.</source>
        <translation>内嵌代码与总部文件不一致（缺少：{missing}；多出：{added}；重复：{duplicated}）：每个代码保留一次，CAT 工具才能恢复格式。</translation>
    </message>
    <message>
        <location filename="../../ui/messages.py" line="24"/>
        <source>Too long for {platform}: {count} of {limit} characters. Shorten it by {over}.</source>
        <translation>对 {platform} 来说太长：{count}/{limit} 个字符。请缩短 {over} 个字符。</translation>
    </message>
    <message>
        <location filename="../../ui/messages.py" line="26"/>
        <source>Too long for X: {count} of {limit} characters (X counts CJK characters and emoji 2 and every link 23). Shorten it by {over}.</source>
        <translation>对 X 来说太长：{count}/{limit} 个字符（X 将中日韩文字和表情符号各计为 2，每个链接计为 23）。请缩短 {over}。</translation>
    </message>
    <message>
        <location filename="../../ui/messages.py" line="29"/>
        <source>The text is the same as the source: it has not been translated.</source>
        <translation>内容与原文相同：尚未翻译。</translation>
    </message>
    <message>
        <location filename="../../ui/messages.py" line="31"/>
        <source>The text starts or ends with spaces or blank lines: remove them.</source>
        <translation>内容开头或结尾有空格或空行：请删除。</translation>
    </message>
    <message>
        <location filename="../../ui/messages.py" line="33"/>
        <source>The hashtag {item} from {origin} is missing: keep it, or note why it was dropped.</source>
        <translation>{origin}中的话题标签 {item} 缺失：请保留，或说明删除的原因。</translation>
    </message>
    <message>
        <location filename="../../ui/messages.py" line="35"/>
        <source>The @mention {item} from {origin} is missing: keep it, or note why it was dropped.</source>
        <translation>{origin}中的 @提及 {item} 缺失：请保留，或说明删除的原因。</translation>
    </message>
    <message>
        <location filename="../../ui/messages.py" line="37"/>
        <source>The link {item} from {origin} is missing: keep it, or note why it was dropped.</source>
        <translation>{origin}中的链接 {item} 缺失：请保留，或说明删除的原因。</translation>
    </message>
    <message>
        <location filename="../../ui/messages.py" line="39"/>
        <source>The number {item} from {origin} is missing: keep it, or note why it was dropped.</source>
        <translation>{origin}中的数字 {item} 缺失：请保留，或说明删除的原因。</translation>
    </message>
    <message>
        <location filename="../../ui/messages.py" line="41"/>
        <source>The emoji {item} from {origin} is missing: keep it, or note why it was dropped.</source>
        <translation>{origin}中的表情符号 {item} 缺失：请保留，或说明删除的原因。</translation>
    </message>
    <message>
        <location filename="../../ui/messages.py" line="43"/>
        <source>An e-mail address differs from the source: copy it exactly. ({detail})</source>
        <translation>电子邮件地址与原文不同：请原样照抄。（{detail}）</translation>
    </message>
    <message>
        <location filename="../../ui/messages.py" line="45"/>
        <source>A placeholder such as %s or %d differs from the source. ({detail})</source>
        <translation>%s 或 %d 之类的占位符与原文不同。（{detail}）</translation>
    </message>
    <message>
        <location filename="../../ui/messages.py" line="47"/>
        <source>A placeholder such as {{name}} differs from the source: keep it exactly, untranslated. ({detail})</source>
        <translation>{{name}} 之类的占位符与原文不同：请原样保留，不要翻译。（{detail}）</translation>
    </message>
    <message>
        <location filename="../../ui/messages.py" line="50"/>
        <source>The brackets do not match the source. ({detail})</source>
        <translation>括号与原文不一致。（{detail}）</translation>
    </message>
    <message>
        <location filename="../../ui/messages.py" line="51"/>
        <source>Double spaces differ from the source. ({detail})</source>
        <translation>双空格与原文不同。（{detail}）</translation>
    </message>
    <message>
        <location filename="../../ui/messages.py" line="52"/>
        <source>The line breaks differ from the source. ({detail})</source>
        <translation>换行与原文不同。（{detail}）</translation>
    </message>
    <message>
        <location filename="../../ui/messages.py" line="53"/>
        <source>The punctuation at the end differs from the source. ({detail})</source>
        <translation>结尾标点与原文不同。（{detail}）</translation>
    </message>
    <message>
        <location filename="../../ui/messages.py" line="55"/>
        <source>The time {item} from {origin} is missing: keep it, or note why it was dropped.</source>
        <translation>{origin}中的时间 {item} 不见了：请保留，或注明删去的原因。</translation>
    </message>
    <message>
        <location filename="../../ui/messages.py" line="57"/>
        <source>{item} = {value}, but the {which} says {found}: check the conversion.</source>
        <translation>{item} = {value}，但{which}写的是 {found}：请核对换算。</translation>
    </message>
    <message>
        <location filename="../../ui/messages.py" line="59"/>
        <source>{target} writes {expected} ({mark}): the {which} says {found}.</source>
        <translation>{target}的写法是 {expected}（{mark}）：{which}写的是 {found}。</translation>
    </message>
    <message>
        <location filename="../../ui/messages.py" line="61"/>
        <source>The date {item} from the source ({expected}) is missing: keep it, or note why it was dropped.</source>
        <translation>原文中的日期 {item}（{expected}）不见了：请保留，或注明删去的原因。</translation>
    </message>
    <message>
        <location filename="../../ui/messages.py" line="64"/>
        <source>The {which} is the source text unchanged: translate it into {target}.</source>
        <translation>{which}与原文完全相同：请译成{target}。</translation>
    </message>
    <message>
        <location filename="../../ui/messages.py" line="66"/>
        <source>The {which} is still in {found}, the source language: translate it into {target}.</source>
        <translation>{which}仍是原文语言{found}：请译成{target}。</translation>
    </message>
    <message>
        <location filename="../../ui/messages.py" line="68"/>
        <source>The {which} looks like {found} ({confidence} sure), but this post is for {target} readers.</source>
        <translation>{which}看起来是{found}（把握 {confidence}），但此帖子面向{target}读者。</translation>
    </message>
    <message>
        <location filename="../../ui/messages.py" line="71"/>
        <source>&apos;{term}&apos; in the source: the glossary says &apos;{expected}&apos;, but the text does not use it.</source>
        <translation>原文中的“{term}”：术语表建议译为“{expected}”，但文中未使用。</translation>
    </message>
    <message>
        <location filename="../../ui/messages.py" line="73"/>
        <source>&apos;{term}&apos; in the source: keep the name as it is, but the text does not use it.</source>
        <translation>原文中的“{term}”：名称应保持原样，但文中未使用。</translation>
    </message>
    <message>
        <location filename="../../ui/messages.py" line="75"/>
        <source>&apos;{text}&apos; is a {status} rendering; say &apos;{preferred}&apos;.</source>
        <translation>“{text}”是{status}译法；请改用“{preferred}”。</translation>
    </message>
    <message>
        <location filename="../../ui/messages.py" line="77"/>
        <source>&apos;{text}&apos; is a {status} rendering.</source>
        <translation>“{text}”是{status}译法。</translation>
    </message>
    <message>
        <location filename="../../ui/messages.py" line="78"/>
        <source>After the fold on {platform} (its first {limit} characters on a desktop): {items}. Readers see it only if they open the post: move it earlier.</source>
        <translation>在 {platform} 的折叠之后（桌面端显示前 {limit} 个字符）：{items}。读者只有展开帖子才能看到：请把它移到前面。</translation>
    </message>
    <message>
        <location filename="../../ui/messages.py" line="83"/>
        <source>the source</source>
        <translation>原文</translation>
    </message>
    <message>
        <location filename="../../ui/messages.py" line="84"/>
        <source>HQ&apos;s draft</source>
        <translation>总部草稿</translation>
    </message>
    <message>
        <location filename="../../ui/messages.py" line="85"/>
        <source>draft</source>
        <translation>草稿</translation>
    </message>
    <message>
        <location filename="../../ui/messages.py" line="86"/>
        <source>rewrite</source>
        <translation>改写</translation>
    </message>
    <message>
        <location filename="../../ui/messages.py" line="87"/>
        <source>forbidden</source>
        <translation>禁用</translation>
    </message>
    <message>
        <location filename="../../ui/messages.py" line="88"/>
        <source>deprecated</source>
        <translation>不推荐</translation>
    </message>
    <message>
        <location filename="../../ui/messages.py" line="89"/>
        <source>decimal comma</source>
        <translation>小数逗号</translation>
    </message>
    <message>
        <location filename="../../ui/messages.py" line="90"/>
        <source>decimal point</source>
        <translation>小数点</translation>
    </message>
</context>
<context>
    <name>ConflictDialog</name>
    <message>
        <location filename="../../ui/exchange.py" line="152"/>
        <source>Resolve conflict: %1</source>
        <translation>解决冲突：%1</translation>
    </message>
    <message>
        <location filename="../../ui/exchange.py" line="157"/>
        <source>These versions of the post were made on different laptops from the same starting point and disagree. Keep one: the others stay in the history. Keeping a version cannot be undone.</source>
        <translation>这些版本是在不同的笔记本电脑上从同一起点修改而来，彼此不一致。请保留其中一个：其他版本仍保留在历史记录中。保留版本后无法撤销。</translation>
    </message>
    <message>
        <location filename="../../ui/exchange.py" line="163"/>
        <source>This post changed while this window was open (an import or another action): close it and open Review &gt; Resolve conflict… again to see its versions as they are now.</source>
        <translation>此窗口打开期间，这条帖子已有变化（一次导入或其他操作）：请关闭此窗口，再次打开“审校 &gt; 解决冲突…”，查看各版本的当前状态。</translation>
    </message>
    <message>
        <source>These versions of the post were made on different laptops from the same starting point and disagree. Keep one: the others stay in the history.</source>
        <translation type="vanished">这些版本是在不同的笔记本电脑上从同一起点修改而来，彼此不一致。请保留其中一个：其他版本仍保留在历史记录中。</translation>
    </message>
    <message>
        <location filename="../../ui/exchange.py" line="161"/>
        <source>Only a coordinator can keep a version.</source>
        <translation>只有协调员可以选择保留版本。</translation>
    </message>
</context>
<context>
    <name>Dashboard</name>
    <message>
        <location filename="../../ui/dashboard.py" line="158"/>
        <location filename="../../ui/dashboard.py" line="236"/>
        <source>Dashboard</source>
        <translation>仪表板</translation>
    </message>
    <message>
        <location filename="../../ui/dashboard.py" line="159"/>
        <source>&amp;Batch:</source>
        <translation>批次(&amp;B)：</translation>
    </message>
    <message>
        <location filename="../../ui/dashboard.py" line="160"/>
        <source>All batches</source>
        <translation>全部批次</translation>
    </message>
    <message>
        <location filename="../../ui/dashboard.py" line="161"/>
        <source>Refresh</source>
        <translation>刷新</translation>
    </message>
    <message>
        <location filename="../../ui/dashboard.py" line="162"/>
        <source>Read the figures again (F5)</source>
        <translation>重新读取数据（F5）</translation>
    </message>
    <message>
        <location filename="../../ui/dashboard.py" line="163"/>
        <source>posts</source>
        <translation>条帖子</translation>
    </message>
    <message>
        <location filename="../../ui/dashboard.py" line="163"/>
        <source>decided (scored)</source>
        <translation>已决定（已评分）</translation>
    </message>
    <message>
        <location filename="../../ui/dashboard.py" line="164"/>
        <source>MQM quality</source>
        <translation>MQM 质量分</translation>
    </message>
    <message>
        <location filename="../../ui/dashboard.py" line="164"/>
        <source>points per 100 words/characters</source>
        <translation>每 100 词/字的扣分</translation>
    </message>
    <message>
        <location filename="../../ui/dashboard.py" line="165"/>
        <source>errors counted</source>
        <translation>计入的错误</translation>
    </message>
    <message>
        <location filename="../../ui/dashboard.py" line="165"/>
        <source>rewrites</source>
        <translation>改写</translation>
    </message>
    <message>
        <location filename="../../ui/dashboard.py" line="185"/>
        <source>Reading the figures…</source>
        <translation>正在读取数据…</translation>
    </message>
    <message>
        <location filename="../../ui/dashboard.py" line="255"/>
        <source>Errors by category and severity (scored posts)</source>
        <translation>按类别和严重程度统计的错误（已评分帖子）</translation>
    </message>
    <message>
        <location filename="../../ui/dashboard.py" line="256"/>
        <source>Decisions by reviewer</source>
        <translation>各审校人员的决定</translation>
    </message>
    <message>
        <location filename="../../ui/dashboard.py" line="257"/>
        <source>Decisions per day</source>
        <translation>每日决定数</translation>
    </message>
    <message>
        <location filename="../../ui/dashboard.py" line="258"/>
        <source>no decisions yet</source>
        <translation>尚无决定</translation>
    </message>
    <message>
        <location filename="../../ui/dashboard.py" line="259"/>
        <source>no errors annotated on decided posts</source>
        <translation>已决定的帖子中没有标注错误</translation>
    </message>
    <message>
        <location filename="../../ui/dashboard.py" line="260"/>
        <source>approved</source>
        <translation>已批准</translation>
    </message>
    <message>
        <location filename="../../ui/dashboard.py" line="260"/>
        <source>changes requested</source>
        <translation>已要求修改</translation>
    </message>
    <message>
        <location filename="../../ui/dashboard.py" line="261"/>
        <source>rejected</source>
        <translation>已拒绝</translation>
    </message>
    <message>
        <location filename="../../ui/dashboard.py" line="261"/>
        <source>signed off</source>
        <translation>进行了签核</translation>
    </message>
    <message>
        <location filename="../../ui/dashboard.py" line="262"/>
        <source>reopened</source>
        <translation>已重新打开</translation>
    </message>
</context>
<context>
    <name>ExportDialog</name>
    <message>
        <location filename="../../ui/dialogs.py" line="347"/>
        <source>Export approved posts</source>
        <translation>导出已批准的帖子</translation>
    </message>
    <message>
        <location filename="../../ui/dialogs.py" line="352"/>
        <source>All platforms</source>
        <translation>所有平台</translation>
    </message>
    <message>
        <location filename="../../ui/dialogs.py" line="357"/>
        <source>Also posts exported before (export again)</source>
        <translation>包括之前已导出的帖子（再次导出）</translation>
    </message>
    <message>
        <source>Choose…</source>
        <translation type="vanished">选择…</translation>
    </message>
    <message>
        <location filename="../../ui/dialogs.py" line="361"/>
        <source>Batch</source>
        <translation>批次</translation>
    </message>
    <message>
        <location filename="../../ui/dialogs.py" line="362"/>
        <source>Format</source>
        <translation>格式</translation>
    </message>
    <message>
        <location filename="../../ui/dialogs.py" line="363"/>
        <source>Platform</source>
        <translation>平台</translation>
    </message>
    <message>
        <location filename="../../ui/dialogs.py" line="364"/>
        <source>Target language</source>
        <translation>目标语言</translation>
    </message>
    <message>
        <location filename="../../ui/dialogs.py" line="365"/>
        <source>HQ&apos;s file</source>
        <translation>总部的文件</translation>
    </message>
    <message>
        <location filename="../../ui/dialogs.py" line="367"/>
        <source>File</source>
        <translation>文件</translation>
    </message>
    <message>
        <location filename="../../ui/dialogs.py" line="371"/>
        <source>Export</source>
        <translation>导出</translation>
    </message>
    <message>
        <location filename="../../ui/dialogs.py" line="386"/>
        <source>All languages</source>
        <translation>所有语言</translation>
    </message>
    <message>
        <location filename="../../ui/dialogs.py" line="391"/>
        <source>The one its posts came from</source>
        <translation>帖子所来自的文件</translation>
    </message>
    <message>
        <location filename="../../ui/dialogs.py" line="398"/>
        <source>Export to</source>
        <translation>导出到</translation>
    </message>
    <message numerus="yes">
        <location filename="../../ui/dialogs.py" line="410"/>
        <source>%n post(s) will be exported.</source>
        <translation>
            <numerusform>将导出 %n 条帖子。</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <location filename="../../ui/dialogs.py" line="412"/>
        <source>%n post(s) went out before and are left out.</source>
        <translation>
            <numerusform>%n 条帖子此前已导出，本次不包括在内。</numerusform>
        </translation>
    </message>
    <message>
        <location filename="../../ui/dialogs.py" line="414"/>
        <source>Only posts for %1.</source>
        <translation>仅导出 %1 的帖子。</translation>
    </message>
    <message>
        <location filename="../../ui/dialogs.py" line="416"/>
        <source>Only posts into %1.</source>
        <translation>仅限译入 %1 的帖子。</translation>
    </message>
    <message>
        <location filename="../../ui/dialogs.py" line="420"/>
        <source>Only posts from %1, written back into it.</source>
        <translation>只导出来自 %1 的帖子，并写回该文件。</translation>
    </message>
    <message>
        <location filename="../../ui/dialogs.py" line="424"/>
        <source>A manifest (what went out, SHA-256) is written beside it: %1</source>
        <translation>旁边会写入一份清单（导出内容与 SHA-256）：%1</translation>
    </message>
</context>
<context>
    <name>FileReadingDialog</name>
    <message>
        <location filename="../../ui/file_reading.py" line="22"/>
        <source>Read %1 as…</source>
        <translation>将 %1 读取为…</translation>
    </message>
    <message>
        <location filename="../../ui/file_reading.py" line="28"/>
        <source>%1 is not in UTF-8. Choose the encoding it was saved in (Excel in Chinese saves CSV as GB18030, Excel in English as Windows-1252, cp1252).</source>
        <translation>%1 不是 UTF-8 编码。请选择它保存时使用的编码（中文版 Excel 将 CSV 保存为 GB18030，英文版 Excel 保存为 Windows-1252，即 cp1252）。</translation>
    </message>
    <message>
        <location filename="../../ui/file_reading.py" line="30"/>
        <source>These read the whole file: %1.</source>
        <translation>能读取整个文件的编码：%1。</translation>
    </message>
    <message>
        <location filename="../../ui/file_reading.py" line="37"/>
        <source>Encoding</source>
        <translation>编码</translation>
    </message>
    <message>
        <location filename="../../ui/file_reading.py" line="40"/>
        <source>Some dates of %1 could be read either way round (07/12/2026: 7 December or 12 July). How does the file write them?</source>
        <translation>%1 中有些日期可以有两种读法（07/12/2026：12 月 7 日或 7 月 12 日）。文件中的日期是怎样写的？</translation>
    </message>
    <message>
        <location filename="../../ui/file_reading.py" line="42"/>
        <source>Day first (7/12/2026 is 7 December)</source>
        <translation>日在前（7/12/2026 是 12 月 7 日）</translation>
    </message>
    <message>
        <location filename="../../ui/file_reading.py" line="43"/>
        <source>Month first (12/7/2026 is 7 December)</source>
        <translation>月在前（12/7/2026 是 12 月 7 日）</translation>
    </message>
    <message>
        <location filename="../../ui/file_reading.py" line="52"/>
        <source>Import</source>
        <translation>导入</translation>
    </message>
</context>
<context>
    <name>FileRow</name>
    <message>
        <location filename="../../ui/dialogs.py" line="49"/>
        <source>Folder</source>
        <translation>文件夹</translation>
    </message>
    <message>
        <location filename="../../ui/dialogs.py" line="138"/>
        <source>Choose…</source>
        <translation>选择…</translation>
    </message>
</context>
<context>
    <name>GlossaryImportDialog</name>
    <message>
        <location filename="../../ui/dialogs.py" line="486"/>
        <source>Import glossary</source>
        <translation>导入术语表</translation>
    </message>
    <message>
        <location filename="../../ui/dialogs.py" line="492"/>
        <source>Glossary name</source>
        <translation>术语表名称</translation>
    </message>
    <message>
        <location filename="../../ui/dialogs.py" line="493"/>
        <source>Source language</source>
        <translation>源语言</translation>
    </message>
    <message>
        <location filename="../../ui/dialogs.py" line="494"/>
        <source>Target language</source>
        <translation>目标语言</translation>
    </message>
    <message>
        <location filename="../../ui/dialogs.py" line="497"/>
        <source>%1 is a CSV glossary, which does not say its languages: give them (language tags such as zh-CN, en, sn).</source>
        <translation>%1 是 CSV 术语表，文件中不标明语言：请填写（语言标记，例如 zh-CN、en、sn）。</translation>
    </message>
    <message>
        <location filename="../../ui/dialogs.py" line="499"/>
        <source>%1 is a TBX glossary. Leave the languages empty to take the two in the file; a file with more languages needs them.</source>
        <translation>%1 是 TBX 术语表。语言留空则使用文件中的两种语言；含更多语言的文件需要填写。</translation>
    </message>
    <message>
        <location filename="../../ui/dialogs.py" line="503"/>
        <source>Import</source>
        <translation>导入</translation>
    </message>
</context>
<context>
    <name>HintsPanel</name>
    <message>
        <location filename="../../ui/hints_panel.py" line="292"/>
        <source>imported</source>
        <translation>导入了帖子</translation>
    </message>
    <message>
        <location filename="../../ui/hints_panel.py" line="293"/>
        <source>imported a new draft</source>
        <translation>导入了新草稿</translation>
    </message>
    <message>
        <location filename="../../ui/hints_panel.py" line="294"/>
        <source>updated the details</source>
        <translation>更新了详细信息</translation>
    </message>
    <message>
        <location filename="../../ui/hints_panel.py" line="295"/>
        <source>opened</source>
        <translation>开始审校</translation>
    </message>
    <message>
        <location filename="../../ui/hints_panel.py" line="296"/>
        <source>rewrote</source>
        <translation>进行了改写</translation>
    </message>
    <message>
        <location filename="../../ui/hints_panel.py" line="297"/>
        <source>gave the text a back-translation</source>
        <translation>为文本添加了回译</translation>
    </message>
    <message>
        <location filename="../../ui/hints_panel.py" line="298"/>
        <source>resolved an annotation</source>
        <translation>解决了一条批注</translation>
    </message>
    <message>
        <location filename="../../ui/hints_panel.py" line="299"/>
        <source>deleted an annotation</source>
        <translation>删除了一条批注</translation>
    </message>
    <message>
        <location filename="../../ui/hints_panel.py" line="300"/>
        <source>approved</source>
        <translation>批准了帖子</translation>
    </message>
    <message>
        <location filename="../../ui/hints_panel.py" line="301"/>
        <source>signed off</source>
        <translation>进行了签核</translation>
    </message>
    <message>
        <location filename="../../ui/hints_panel.py" line="302"/>
        <source>exported</source>
        <translation>导出了帖子</translation>
    </message>
    <message>
        <location filename="../../ui/hints_panel.py" line="305"/>
        <source>rejected: {reason}</source>
        <translation>拒绝了帖子：{reason}</translation>
    </message>
    <message>
        <location filename="../../ui/hints_panel.py" line="306"/>
        <source>requested changes: {reason}</source>
        <translation>要求修改：{reason}</translation>
    </message>
    <message>
        <location filename="../../ui/hints_panel.py" line="307"/>
        <source>reopened: {reason}</source>
        <translation>重新打开了帖子：{reason}</translation>
    </message>
    <message>
        <location filename="../../ui/hints_panel.py" line="308"/>
        <source>dismissed a check: {reason}</source>
        <translation>忽略了一项检查：{reason}</translation>
    </message>
    <message>
        <location filename="../../ui/hints_panel.py" line="311"/>
        <source>the rewrite</source>
        <translation>改写</translation>
    </message>
    <message>
        <location filename="../../ui/hints_panel.py" line="312"/>
        <source>the back-translation</source>
        <translation>回译</translation>
    </message>
    <message>
        <location filename="../../ui/hints_panel.py" line="313"/>
        <source>an annotation</source>
        <translation>批注</translation>
    </message>
    <message>
        <location filename="../../ui/hints_panel.py" line="314"/>
        <source>resolving an annotation</source>
        <translation>解决批注</translation>
    </message>
    <message>
        <location filename="../../ui/hints_panel.py" line="315"/>
        <source>deleting an annotation</source>
        <translation>删除批注</translation>
    </message>
    <message>
        <location filename="../../ui/hints_panel.py" line="316"/>
        <source>the approval</source>
        <translation>批准</translation>
    </message>
    <message>
        <location filename="../../ui/hints_panel.py" line="317"/>
        <source>the rejection</source>
        <translation>拒绝</translation>
    </message>
    <message>
        <location filename="../../ui/hints_panel.py" line="318"/>
        <source>the request for changes</source>
        <translation>修改要求</translation>
    </message>
    <message>
        <location filename="../../ui/hints_panel.py" line="319"/>
        <source>reopening</source>
        <translation>重新打开</translation>
    </message>
    <message>
        <location filename="../../ui/hints_panel.py" line="320"/>
        <source>the sign-off</source>
        <translation>签核</translation>
    </message>
    <message>
        <location filename="../../ui/hints_panel.py" line="321"/>
        <source>dismissing a check</source>
        <translation>忽略检查</translation>
    </message>
    <message>
        <location filename="../../ui/hints_panel.py" line="323"/>
        <source>reviewer</source>
        <translation>审校员</translation>
    </message>
    <message>
        <location filename="../../ui/hints_panel.py" line="324"/>
        <source>coordinator</source>
        <translation>协调员</translation>
    </message>
    <message>
        <location filename="../../ui/hints_panel.py" line="325"/>
        <source>preferred</source>
        <translation>首选</translation>
    </message>
    <message>
        <location filename="../../ui/hints_panel.py" line="326"/>
        <source>allowed</source>
        <translation>可用</translation>
    </message>
    <message>
        <location filename="../../ui/hints_panel.py" line="327"/>
        <source>deprecated</source>
        <translation>不推荐</translation>
    </message>
    <message>
        <location filename="../../ui/hints_panel.py" line="328"/>
        <source>forbidden</source>
        <translation>禁用</translation>
    </message>
    <message>
        <location filename="../../ui/messages.py" line="93"/>
        <source>English</source>
        <translation>英语</translation>
    </message>
    <message>
        <location filename="../../ui/messages.py" line="93"/>
        <source>Chinese</source>
        <translation>中文</translation>
    </message>
    <message>
        <location filename="../../ui/messages.py" line="94"/>
        <source>Shona</source>
        <translation>绍纳语</translation>
    </message>
    <message>
        <location filename="../../ui/messages.py" line="94"/>
        <source>Ndebele</source>
        <translation>恩德贝莱语</translation>
    </message>
    <message>
        <location filename="../../ui/messages.py" line="95"/>
        <source>Zulu</source>
        <translation>祖鲁语</translation>
    </message>
    <message>
        <location filename="../../ui/messages.py" line="95"/>
        <source>Swahili</source>
        <translation>斯瓦希里语</translation>
    </message>
    <message>
        <location filename="../../ui/messages.py" line="96"/>
        <source>Ndebele (or Zulu)</source>
        <translation>恩德贝莱语（或祖鲁语）</translation>
    </message>
    <message>
        <location filename="../../ui/messages.py" line="97"/>
        <source>French</source>
        <translation>法语</translation>
    </message>
    <message>
        <location filename="../../ui/messages.py" line="97"/>
        <source>German</source>
        <translation>德语</translation>
    </message>
    <message>
        <location filename="../../ui/messages.py" line="98"/>
        <source>Japanese</source>
        <translation>日语</translation>
    </message>
    <message>
        <location filename="../../ui/messages.py" line="98"/>
        <source>Korean</source>
        <translation>韩语</translation>
    </message>
    <message>
        <location filename="../../ui/messages.py" line="99"/>
        <source>Portuguese</source>
        <translation>葡萄牙语</translation>
    </message>
    <message>
        <location filename="../../ui/messages.py" line="99"/>
        <source>Spanish</source>
        <translation>西班牙语</translation>
    </message>
    <message>
        <location filename="../../ui/hints_panel.py" line="358"/>
        <source>✓ the text uses a preferred rendering; ✗ it uses none</source>
        <translation>✓ 文本使用了首选译法；✗ 文本未使用任何首选译法</translation>
    </message>
    <message>
        <location filename="../../ui/hints_panel.py" line="419"/>
        <source>History ({n})</source>
        <translation>历史记录（{n}）</translation>
    </message>
    <message>
        <location filename="../../ui/hints_panel.py" line="419"/>
        <source>History</source>
        <translation>历史记录</translation>
    </message>
    <message>
        <location filename="../../ui/hints_panel.py" line="421"/>
        <location filename="../../ui/hints_panel.py" line="436"/>
        <source>No post selected.</source>
        <translation>未选择帖子。</translation>
    </message>
    <message>
        <location filename="../../ui/hints_panel.py" line="437"/>
        <location filename="../../ui/hints_panel.py" line="451"/>
        <source>Checks</source>
        <translation>检查</translation>
    </message>
    <message>
        <location filename="../../ui/hints_panel.py" line="575"/>
        <source>Translation memory</source>
        <translation>翻译记忆</translation>
    </message>
    <message>
        <location filename="../../ui/hints_panel.py" line="441"/>
        <location filename="../../ui/hints_panel.py" line="516"/>
        <source>Glossary</source>
        <translation>术语表</translation>
    </message>
    <message>
        <location filename="../../ui/hints_panel.py" line="442"/>
        <location filename="../../ui/hints_panel.py" line="661"/>
        <source>Language</source>
        <translation>语言</translation>
    </message>
    <message>
        <location filename="../../ui/hints_panel.py" line="451"/>
        <source>Checks ({n} open)</source>
        <translation>检查（{n} 项未处理）</translation>
    </message>
    <message>
        <location filename="../../ui/hints_panel.py" line="454"/>
        <source>No problems found.</source>
        <translation>未发现问题。</translation>
    </message>
    <message>
        <location filename="../../ui/hints_panel.py" line="485"/>
        <source>Click to show where</source>
        <translation>单击以显示位置</translation>
    </message>
    <message>
        <location filename="../../ui/hints_panel.py" line="490"/>
        <source>dismissed by {who}: {reason}</source>
        <translation>已由 {who} 忽略：{reason}</translation>
    </message>
    <message>
        <location filename="../../ui/hints_panel.py" line="499"/>
        <source>Dismiss…</source>
        <translation>忽略…</translation>
    </message>
    <message>
        <location filename="../../ui/hints_panel.py" line="501"/>
        <source>This finding does not apply here: dismiss it and say why (HQ reads the reason)</source>
        <translation>此检查结果在这里不适用：忽略它并说明原因（总部会阅读原因）</translation>
    </message>
    <message>
        <location filename="../../ui/hints_panel.py" line="507"/>
        <source>Error</source>
        <translation>错误</translation>
    </message>
    <message>
        <location filename="../../ui/hints_panel.py" line="507"/>
        <source>Warning</source>
        <translation>警告</translation>
    </message>
    <message>
        <location filename="../../ui/hints_panel.py" line="507"/>
        <source>Note</source>
        <translation>提示</translation>
    </message>
    <message>
        <location filename="../../ui/hints_panel.py" line="515"/>
        <source>Glossary ({n})</source>
        <translation>术语表（{n}）</translation>
    </message>
    <message>
        <location filename="../../ui/hints_panel.py" line="523"/>
        <source>In the text:</source>
        <translation>文中出现：</translation>
    </message>
    <message>
        <location filename="../../ui/hints_panel.py" line="527"/>
        <source>No glossary terms in the source.</source>
        <translation>原文中没有术语表中的术语。</translation>
    </message>
    <message>
        <location filename="../../ui/hints_panel.py" line="531"/>
        <source>keep as it is</source>
        <translation>保留原样</translation>
    </message>
    <message>
        <location filename="../../ui/hints_panel.py" line="533"/>
        <source>(no preferred rendering)</source>
        <translation>（无首选译法）</translation>
    </message>
    <message>
        <location filename="../../ui/hints_panel.py" line="543"/>
        <source>Avoid: {renderings}</source>
        <translation>避免：{renderings}</translation>
    </message>
    <message>
        <location filename="../../ui/hints_panel.py" line="549"/>
        <source>“{text}” is {status}; say “{instead}”</source>
        <translation>“{text}”为{status}译法；应使用“{instead}”</translation>
    </message>
    <message>
        <location filename="../../ui/hints_panel.py" line="552"/>
        <source>“{text}” is {status}</source>
        <translation>“{text}”为{status}译法</translation>
    </message>
    <message>
        <location filename="../../ui/hints_panel.py" line="574"/>
        <source>Translation memory ({n})</source>
        <translation>翻译记忆（{n}）</translation>
    </message>
    <message>
        <location filename="../../ui/hints_panel.py" line="576"/>
        <source>No similar approved posts or memory units.</source>
        <translation>没有相似的已批准帖子或翻译记忆单元。</translation>
    </message>
    <message>
        <location filename="../../ui/hints_panel.py" line="597"/>
        <source>Match {n}: how similar the memory&apos;s source is to this post&apos;s source</source>
        <translation>匹配 {n}：翻译记忆的原文与本帖原文的相似度</translation>
    </message>
    <message>
        <location filename="../../ui/hints_panel.py" line="608"/>
        <source>The memory&apos;s source, its differences to this post&apos;s source marked (struck through: only in this post), then its translation</source>
        <translation>翻译记忆的原文（标出与本帖原文的差异，删除线表示仅本帖中有的内容），其下为译文</translation>
    </message>
    <message>
        <location filename="../../ui/hints_panel.py" line="631"/>
        <source>approved post {id}</source>
        <translation>已批准帖子 {id}</translation>
    </message>
    <message>
        <location filename="../../ui/hints_panel.py" line="635"/>
        <source>Insert</source>
        <translation>插入</translation>
    </message>
    <message>
        <location filename="../../ui/hints_panel.py" line="639"/>
        <source>Insert this translation into the rewrite ({keys})</source>
        <translation>将此译文插入改写（{keys}）</translation>
    </message>
    <message>
        <location filename="../../ui/hints_panel.py" line="646"/>
        <source>Source</source>
        <translation>原文</translation>
    </message>
    <message>
        <location filename="../../ui/hints_panel.py" line="646"/>
        <source>Draft</source>
        <translation>草稿</translation>
    </message>
    <message>
        <location filename="../../ui/hints_panel.py" line="646"/>
        <source>Rewrite</source>
        <translation>改写</translation>
    </message>
    <message>
        <location filename="../../ui/hints_panel.py" line="658"/>
        <source>{text}: {confidence:.0%} sure ({detector})</source>
        <translation>{text}：置信度 {confidence:.0%}（{detector}）</translation>
    </message>
    <message>
        <location filename="../../ui/hints_panel.py" line="667"/>
        <source>{text}: undetermined, expected {expected}</source>
        <translation>{text}：无法确定，应为{expected}</translation>
    </message>
    <message>
        <location filename="../../ui/hints_panel.py" line="670"/>
        <source>{text}: {language} ({code}), expected {expected}</source>
        <translation>{text}：{language}（{code}），应为{expected}</translation>
    </message>
    <message>
        <location filename="../../ui/hints_panel.py" line="689"/>
        <source>(undone)</source>
        <translation>（已撤销）</translation>
    </message>
    <message>
        <location filename="../../ui/hints_panel.py" line="700"/>
        <source>annotated: {severity} {category}</source>
        <translation>添加了批注：{category}（{severity}）</translation>
    </message>
    <message>
        <location filename="../../ui/hints_panel.py" line="705"/>
        <source>approved despite open errors: %1</source>
        <translation>在有未处理错误的情况下批准：%1</translation>
    </message>
    <message>
        <location filename="../../ui/hints_panel.py" line="708"/>
        <source>approved (awaiting sign-off)</source>
        <translation>批准了帖子（待签核）</translation>
    </message>
    <message>
        <location filename="../../ui/hints_panel.py" line="717"/>
        <source>redid {action}</source>
        <translation>重做了{action}</translation>
    </message>
    <message>
        <location filename="../../ui/hints_panel.py" line="718"/>
        <source>undid {action}</source>
        <translation>撤销了{action}</translation>
    </message>
    <message>
        <location filename="../../ui/hints_panel.py" line="722"/>
        <source>an action</source>
        <translation>一项操作</translation>
    </message>
</context>
<context>
    <name>MainWindow</name>
    <message>
        <location filename="../../ui/main_window.py" line="235"/>
        <source>Resolve annotation</source>
        <translation>解决批注</translation>
    </message>
    <message>
        <location filename="../../ui/main_window.py" line="238"/>
        <source>Delete annotation</source>
        <translation>删除批注</translation>
    </message>
    <message>
        <location filename="../../ui/main_window.py" line="241"/>
        <source>Review Desk — %1</source>
        <translation>Review Desk — %1</translation>
    </message>
    <message>
        <location filename="../../ui/main_window.py" line="242"/>
        <source>&amp;File</source>
        <translation>文件(&amp;F)</translation>
    </message>
    <message>
        <location filename="../../ui/main_window.py" line="242"/>
        <source>&amp;Edit</source>
        <translation>编辑(&amp;E)</translation>
    </message>
    <message>
        <location filename="../../ui/main_window.py" line="242"/>
        <source>&amp;Review</source>
        <translation>审校(&amp;R)</translation>
    </message>
    <message>
        <location filename="../../ui/main_window.py" line="243"/>
        <source>&amp;View</source>
        <translation>视图(&amp;V)</translation>
    </message>
    <message>
        <location filename="../../ui/main_window.py" line="243"/>
        <source>&amp;Help</source>
        <translation>帮助(&amp;H)</translation>
    </message>
    <message>
        <location filename="../../ui/main_window.py" line="246"/>
        <source>Review</source>
        <translation>审校</translation>
    </message>
    <message>
        <location filename="../../ui/main_window.py" line="247"/>
        <source>Hints</source>
        <translation>提示</translation>
    </message>
    <message>
        <location filename="../../ui/main_window.py" line="248"/>
        <source>Annotations</source>
        <translation>批注</translation>
    </message>
    <message>
        <source>%1 posts</source>
        <translation type="vanished">%1 条帖子</translation>
    </message>
    <message numerus="yes">
        <location filename="../../ui/main_window.py" line="402"/>
        <location filename="../../ui/main_window.py" line="862"/>
        <source>%n post(s)</source>
        <translation>
            <numerusform>%n 条帖子</numerusform>
        </translation>
    </message>
    <message>
        <location filename="../../ui/main_window.py" line="440"/>
        <source>No post selected</source>
        <translation>未选择帖子</translation>
    </message>
    <message>
        <location filename="../../ui/main_window.py" line="442"/>
        <source>coordinator</source>
        <translation>协调员</translation>
    </message>
    <message>
        <location filename="../../ui/main_window.py" line="442"/>
        <source>reviewer</source>
        <translation>审校员</translation>
    </message>
    <message>
        <location filename="../../ui/main_window.py" line="443"/>
        <source>schedule passed</source>
        <translation>已过排定时间</translation>
    </message>
    <message>
        <location filename="../../ui/main_window.py" line="448"/>
        <source>Select a post first</source>
        <translation>请先选择一条帖子</translation>
    </message>
    <message>
        <location filename="../../ui/main_window.py" line="460"/>
        <source>Only a coordinator can do this.</source>
        <translation>只有协调员可以执行此操作。</translation>
    </message>
    <message>
        <location filename="../../ui/main_window.py" line="462"/>
        <source>This batch does not need sign-off.</source>
        <translation>此批次不需要签核。</translation>
    </message>
    <message>
        <location filename="../../ui/main_window.py" line="464"/>
        <source>Sign-off needs a second person: you wrote or approved this rewrite.</source>
        <translation>签核需要另一个人：此改写由您撰写或批准。</translation>
    </message>
    <message>
        <location filename="../../ui/main_window.py" line="465"/>
        <source>open it for review first</source>
        <translation>请先打开审校</translation>
    </message>
    <message>
        <location filename="../../ui/main_window.py" line="466"/>
        <source>decide it first</source>
        <translation>请先作出决定</translation>
    </message>
    <message>
        <location filename="../../ui/main_window.py" line="467"/>
        <source>a coordinator must sign it off, or reopen it</source>
        <translation>需由协调员签核，或重新打开</translation>
    </message>
    <message>
        <location filename="../../ui/main_window.py" line="468"/>
        <source>exported posts cannot be changed</source>
        <translation>已导出的帖子不能更改</translation>
    </message>
    <message>
        <location filename="../../ui/main_window.py" line="469"/>
        <source>a coordinator must first keep one of its versions</source>
        <translation>须先由协调员保留其中一个版本</translation>
    </message>
    <message>
        <location filename="../../ui/main_window.py" line="470"/>
        <source>reopen it first (with a reason)</source>
        <translation>请先重新打开（需说明原因）</translation>
    </message>
    <message>
        <location filename="../../ui/main_window.py" line="471"/>
        <source>Not now: the post is %1; %2.</source>
        <translation>现在不行：帖子状态为%1；%2。</translation>
    </message>
    <message>
        <location filename="../../ui/main_window.py" line="481"/>
        <source>Reject post</source>
        <translation>拒绝帖子</translation>
    </message>
    <message>
        <location filename="../../ui/main_window.py" line="481"/>
        <location filename="../../ui/main_window.py" line="1013"/>
        <source>Request changes</source>
        <translation>要求修改</translation>
    </message>
    <message>
        <location filename="../../ui/main_window.py" line="482"/>
        <source>Reopen post</source>
        <translation>重新打开帖子</translation>
    </message>
    <message>
        <location filename="../../ui/main_window.py" line="483"/>
        <source>Why? HQ reads this.</source>
        <translation>原因是什么？总部会阅读此内容。</translation>
    </message>
    <message>
        <location filename="../../ui/main_window.py" line="504"/>
        <source>That was the last post of the queue.</source>
        <translation>这是队列中的最后一条帖子。</translation>
    </message>
    <message>
        <location filename="../../ui/main_window.py" line="518"/>
        <source>Not approved: the post stays as it was.</source>
        <translation>未批准：帖子保持原样。</translation>
    </message>
    <message>
        <source>Only the back-translation changed: it is kept and saved with your next change of the text.</source>
        <translation type="vanished">只修改了回译：它会被保留，并在你下次修改文本时一起保存。</translation>
    </message>
    <message>
        <source>Nothing to save: the rewrite is the text already saved.</source>
        <translation type="vanished">没有需要保存的内容：改写与已保存的文本相同。</translation>
    </message>
    <message>
        <location filename="../../ui/main_window.py" line="534"/>
        <source>Rewrite</source>
        <translation>改写</translation>
    </message>
    <message>
        <location filename="../../ui/main_window.py" line="555"/>
        <source>Select some text of the draft or the rewrite first.</source>
        <translation>请先在草稿或改写中选择一段文本。</translation>
    </message>
    <message>
        <location filename="../../ui/main_window.py" line="549"/>
        <location filename="../../ui/main_window.py" line="569"/>
        <source>Annotate</source>
        <translation>批注</translation>
    </message>
    <message>
        <location filename="../../ui/main_window.py" line="575"/>
        <source>Assign post</source>
        <translation>分配帖子</translation>
    </message>
    <message>
        <location filename="../../ui/main_window.py" line="575"/>
        <source>Reviewer&apos;s name (empty: nobody):</source>
        <translation>审校员姓名（留空：不分配给任何人）：</translation>
    </message>
    <message>
        <location filename="../../ui/main_window.py" line="585"/>
        <source>Assign</source>
        <translation>分配</translation>
    </message>
    <message>
        <location filename="../../ui/main_window.py" line="596"/>
        <location filename="../../ui/main_window.py" line="606"/>
        <source>Dismiss check</source>
        <translation>忽略检查</translation>
    </message>
    <message>
        <location filename="../../ui/main_window.py" line="597"/>
        <source>Why does this finding not apply? It stays dismissed until the text changes.</source>
        <translation>为什么此检查结果不适用？在文本更改之前，它将一直处于忽略状态。</translation>
    </message>
    <message>
        <location filename="../../ui/main_window.py" line="631"/>
        <source>Undone: %1</source>
        <translation>已撤销：%1</translation>
    </message>
    <message>
        <location filename="../../ui/main_window.py" line="637"/>
        <source>Done again: %1</source>
        <translation>已重做：%1</translation>
    </message>
    <message>
        <location filename="../../ui/main_window.py" line="666"/>
        <source>Your typing is not saved yet (%1); trying again.</source>
        <translation>您输入的内容尚未保存（%1），正在重试。</translation>
    </message>
    <message>
        <location filename="../../ui/main_window.py" line="278"/>
        <location filename="../../ui/main_window.py" line="677"/>
        <source>You had an unsaved rewrite: it is restored.</source>
        <translation>您有一条未保存的改写，现已恢复。</translation>
    </message>
    <message>
        <location filename="../../ui/main_window.py" line="355"/>
        <source>No post matches the search.</source>
        <translation>没有帖子符合搜索条件。</translation>
    </message>
    <message>
        <location filename="../../ui/main_window.py" line="530"/>
        <source>Nothing to save: the rewrite and its back-translation are as saved.</source>
        <translation>没有需要保存的内容：改写及其回译与已保存的相同。</translation>
    </message>
    <message>
        <location filename="../../ui/main_window.py" line="534"/>
        <source>Back-translation</source>
        <translation>回译</translation>
    </message>
    <message numerus="yes">
        <location filename="../../ui/main_window.py" line="804"/>
        <source>Glossary %1: %n entry(s)</source>
        <translation>
            <numerusform>术语表 %1：%n 个条目</numerusform>
        </translation>
    </message>
    <message>
        <location filename="../../ui/main_window.py" line="812"/>
        <source>%1 from %2 (key %3):</source>
        <translation>%1，来自 %2（密钥 %3）：</translation>
    </message>
    <message numerus="yes">
        <location filename="../../ui/main_window.py" line="814"/>
        <source>%n new event(s)</source>
        <translation>
            <numerusform>%n 个新事件</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <location filename="../../ui/main_window.py" line="815"/>
        <source>%n post(s) changed</source>
        <translation>
            <numerusform>%n 条帖子有变化</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <location filename="../../ui/main_window.py" line="863"/>
        <source>and %n event(s) were written to</source>
        <translation>
            <numerusform>和 %n 个事件已写入</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <location filename="../../ui/main_window.py" line="808"/>
        <source>%1: %n memory unit(s)</source>
        <translation>
            <numerusform>%1：%n 个翻译记忆单元</numerusform>
        </translation>
    </message>
    <message>
        <location filename="../../ui/main_window.py" line="809"/>
        <source>%1 new</source>
        <translation>其中 %1 个为新增</translation>
    </message>
    <message numerus="yes">
        <location filename="../../ui/main_window.py" line="938"/>
        <source>The report of %n post(s) was written to
%1</source>
        <translation>
            <numerusform>%n 条帖子的报告已写入
%1</numerusform>
        </translation>
    </message>
    <message>
        <source>Draft posts (*.csv *.tsv *.xlsx *.json *.jsonl)</source>
        <translation type="vanished">帖子草稿 (*.csv *.tsv *.xlsx *.json *.jsonl)</translation>
    </message>
    <message>
        <source>Glossaries (*.csv *.tbx)</source>
        <translation type="vanished">术语表 (*.csv *.tbx)</translation>
    </message>
    <message>
        <location filename="../../ui/main_window.py" line="705"/>
        <source>Translation memories (*.tmx)</source>
        <translation>翻译记忆 (*.tmx)</translation>
    </message>
    <message>
        <location filename="../../ui/main_window.py" line="707"/>
        <source>Import</source>
        <translation>导入</translation>
    </message>
    <message>
        <location filename="../../ui/main_window.py" line="746"/>
        <source>Importing %1…</source>
        <translation>正在导入 %1…</translation>
    </message>
    <message>
        <location filename="../../ui/main_window.py" line="786"/>
        <source>Loading the sample…</source>
        <translation>正在载入示例…</translation>
    </message>
    <message>
        <location filename="../../ui/main_window.py" line="795"/>
        <source>The sample was loaded on this desk before.</source>
        <translation>这台电脑以前已载入过示例。</translation>
    </message>
    <message numerus="yes">
        <location filename="../../ui/main_window.py" line="797"/>
        <source>Sample loaded: %n batch(es)</source>
        <translation>
            <numerusform>示例已载入：%n 个批次</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <location filename="../../ui/main_window.py" line="798"/>
        <source>%n starter glossary(ies)</source>
        <translation>
            <numerusform>%n 个入门术语表</numerusform>
        </translation>
    </message>
    <message>
        <location filename="../../ui/main_window.py" line="800"/>
        <source>Already here, left as they are: %1</source>
        <translation>已经在这里、保持原样：%1</translation>
    </message>
    <message>
        <source>Glossary %1: %2 entries</source>
        <translation type="vanished">术语表 %1：%2 个条目</translation>
    </message>
    <message>
        <source>%1 from %2 (key %5): %3 new events, %4 posts changed</source>
        <translation type="vanished">%1，来自 %2（密钥 %5）：%3 个新事件，%4 个帖子有变化</translation>
    </message>
    <message>
        <location filename="../../ui/main_window.py" line="817"/>
        <source>This is the first package from that key here: check with %1 that it is theirs.</source>
        <translation>这是本机第一次收到该密钥签名的工作包：请与 %1 核实它确实来自对方。</translation>
    </message>
    <message>
        <source>%1: %2 memory units, %3 new</source>
        <translation type="vanished">%1：%2 个翻译记忆单元，其中 %3 个为新增</translation>
    </message>
    <message>
        <location filename="../../ui/main_window.py" line="771"/>
        <source>Imported: %1</source>
        <translation>已导入：%1</translation>
    </message>
    <message>
        <location filename="../../ui/main_window.py" line="742"/>
        <source>%1 was not imported</source>
        <translation>%1 未导入</translation>
    </message>
    <message>
        <location filename="../../ui/main_window.py" line="891"/>
        <source>Keep version</source>
        <translation>保留版本</translation>
    </message>
    <message>
        <location filename="../../ui/main_window.py" line="903"/>
        <source>Exporting…</source>
        <translation>正在导出…</translation>
    </message>
    <message numerus="yes">
        <location filename="../../ui/main_window.py" line="913"/>
        <source>%n post(s) written to
%1

SHA-256: %2</source>
        <translation>
            <numerusform>%n 条帖子已写入
%1

SHA-256：%2</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <location filename="../../ui/main_window.py" line="919"/>
        <source>Left out (still approved): %n post(s) with %1</source>
        <translation>
            <numerusform>未导出（仍为已批准）：%n 条帖子，原因：%1</numerusform>
        </translation>
    </message>
    <message>
        <location filename="../../ui/main_window.py" line="921"/>
        <source>Exported</source>
        <translation>已导出</translation>
    </message>
    <message>
        <source>%1 posts were written to
%2

SHA-256: %3</source>
        <translation type="vanished">已将 %1 条帖子写入
%2

SHA-256：%3</translation>
    </message>
    <message>
        <source>Draft posts (*.csv *.tsv *.xlsx *.json *.jsonl *.xlf *.xliff *.xliff2)</source>
        <translation type="vanished">帖子草稿 (*.csv *.tsv *.xlsx *.json *.jsonl *.xlf *.xliff *.xliff2)</translation>
    </message>
    <message>
        <location filename="../../ui/main_window.py" line="704"/>
        <source>Glossaries (*.csv *.tsv *.tbx)</source>
        <translation>术语表 (*.csv *.tsv *.tbx)</translation>
    </message>
    <message>
        <location filename="../../ui/main_window.py" line="706"/>
        <source>Review packages (*.rdpack)</source>
        <translation>审校包 (*.rdpack)</translation>
    </message>
    <message>
        <source>%1 from %2: %3 new events, %4 posts changed</source>
        <translation type="vanished">%1（来自 %2）：%3 个新事件，%4 条帖子有变化</translation>
    </message>
    <message numerus="yes">
        <location filename="../../ui/main_window.py" line="820"/>
        <source>%n post(s) in conflict: Review &gt; Resolve conflict…</source>
        <translation>
            <numerusform>%n 条帖子存在冲突：审校 &gt; 解决冲突…</numerusform>
        </translation>
    </message>
    <message>
        <location filename="../../ui/main_window.py" line="838"/>
        <source>Making the package…</source>
        <translation>正在制作审校包…</translation>
    </message>
    <message>
        <location filename="../../ui/main_window.py" line="861"/>
        <source>Package saved</source>
        <translation>审校包已保存</translation>
    </message>
    <message>
        <source>%1 posts and %2 events were written to
%3</source>
        <translation type="vanished">%1 条帖子和 %2 个事件已写入
%3</translation>
    </message>
    <message>
        <location filename="../../ui/main_window.py" line="915"/>
        <source>Manifest: %1</source>
        <translation>清单：%1</translation>
    </message>
    <message>
        <source>Left out (still approved): %1 post(s) with %2</source>
        <translation type="vanished">未导出（仍为已批准）：%1 条帖子，原因：%2</translation>
    </message>
    <message>
        <location filename="../../ui/main_window.py" line="932"/>
        <source>Writing the report…</source>
        <translation>正在生成报告…</translation>
    </message>
    <message>
        <location filename="../../ui/main_window.py" line="937"/>
        <source>Report written</source>
        <translation>报告已生成</translation>
    </message>
    <message>
        <source>The report of %1 posts was written to
%2</source>
        <translation type="vanished">包含 %1 条帖子的报告已写入
%2</translation>
    </message>
    <message>
        <location filename="../../ui/main_window.py" line="989"/>
        <source>About Review Desk</source>
        <translation>关于 Review Desk</translation>
    </message>
    <message>
        <location filename="../../ui/main_window.py" line="990"/>
        <source>Review Desk: offline review of draft social-media posts by the people who know the audience.
Licence: GPL-3.0-or-later.</source>
        <translation>Review Desk：由了解受众的人离线审校社交媒体帖子草稿。
许可证：GPL-3.0-or-later。</translation>
    </message>
    <message>
        <location filename="../../ui/main_window.py" line="779"/>
        <location filename="../../ui/main_window.py" line="997"/>
        <location filename="../../ui/main_window.py" line="1106"/>
        <location filename="../../ui/main_window.py" line="1112"/>
        <source>Review Desk</source>
        <translation>Review Desk</translation>
    </message>
    <message>
        <location filename="../../ui/main_window.py" line="617"/>
        <source>No inline code is missing from the rewrite.</source>
        <translation>改写中没有缺少内联代码。</translation>
    </message>
    <message>
        <location filename="../../ui/main_window.py" line="703"/>
        <source>Draft posts (*.csv *.tsv *.xlsx *.json *.jsonl *.xlf *.xliff *.xliff2 *.xlf2)</source>
        <translation>帖子草稿 (*.csv *.tsv *.xlsx *.json *.jsonl *.xlf *.xliff *.xliff2 *.xlf2)</translation>
    </message>
    <message>
        <location filename="../../ui/main_window.py" line="773"/>
        <source>Imported</source>
        <translation>已导入</translation>
    </message>
    <message>
        <location filename="../../ui/main_window.py" line="844"/>
        <source>Share batch</source>
        <translation>分配批次</translation>
    </message>
    <message>
        <location filename="../../ui/main_window.py" line="851"/>
        <source>Shared out: %1</source>
        <translation>已分配：%1</translation>
    </message>
    <message numerus="yes">
        <location filename="../../ui/main_window.py" line="856"/>
        <source>%n post(s) changed since the batch was shared out and keep their reviewer; use Review &gt; Assign to… for them.</source>
        <translation>
            <numerusform>分配批次后有 %n 个帖子已有改动，保留其审阅人；请用“审阅 &gt; 分配给…”处理它们。</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <location filename="../../ui/main_window.py" line="864"/>
        <source>%n post(s) of other reviewers were left out.</source>
        <translation>
            <numerusform>其他审阅人的 %n 个帖子未打包。</numerusform>
        </translation>
    </message>
    <message>
        <location filename="../../ui/main_window.py" line="1005"/>
        <source>pending</source>
        <translation>待审</translation>
    </message>
    <message>
        <location filename="../../ui/main_window.py" line="1005"/>
        <source>in review</source>
        <translation>审校中</translation>
    </message>
    <message>
        <location filename="../../ui/main_window.py" line="1006"/>
        <source>approved</source>
        <translation>已批准</translation>
    </message>
    <message>
        <location filename="../../ui/main_window.py" line="1006"/>
        <source>awaiting sign-off</source>
        <translation>待签核</translation>
    </message>
    <message>
        <location filename="../../ui/main_window.py" line="1007"/>
        <source>changes requested</source>
        <translation>已要求修改</translation>
    </message>
    <message>
        <location filename="../../ui/main_window.py" line="1007"/>
        <source>rejected</source>
        <translation>已拒绝</translation>
    </message>
    <message>
        <location filename="../../ui/main_window.py" line="1008"/>
        <source>exported</source>
        <translation>已导出</translation>
    </message>
    <message>
        <location filename="../../ui/main_window.py" line="1008"/>
        <source>conflict</source>
        <translation>冲突</translation>
    </message>
    <message>
        <location filename="../../ui/main_window.py" line="1012"/>
        <source>Approve</source>
        <translation>批准</translation>
    </message>
    <message>
        <location filename="../../ui/main_window.py" line="1012"/>
        <source>Reject</source>
        <translation>拒绝</translation>
    </message>
    <message>
        <location filename="../../ui/main_window.py" line="1013"/>
        <source>Reopen</source>
        <translation>重新打开</translation>
    </message>
    <message>
        <location filename="../../ui/main_window.py" line="1014"/>
        <source>Sign off</source>
        <translation>签核</translation>
    </message>
    <message>
        <location filename="../../ui/main_window.py" line="1107"/>
        <source>An import or export is still running: wait for it or cancel it first.</source>
        <translation>导入或导出仍在进行：请等待其完成或先取消。</translation>
    </message>
    <message>
        <location filename="../../ui/main_window.py" line="1113"/>
        <source>Your rewrite could not be saved: another program is writing to the database. Wait a moment and close again; nothing has been lost yet.</source>
        <translation>无法保存您的改写：另一个程序正在写入数据库。请稍候再关闭；目前没有任何内容丢失。</translation>
    </message>
</context>
<context>
    <name>MediaStrip</name>
    <message>
        <location filename="../../ui/media_strip.py" line="133"/>
        <source>Annotate picture…</source>
        <translation>批注图片…</translation>
    </message>
    <message>
        <location filename="../../ui/media_strip.py" line="151"/>
        <source>{name} ({size}{megabytes:.1f} MB)</source>
        <translation>{name}（{size}{megabytes:.1f} MB）</translation>
    </message>
</context>
<context>
    <name>Messages</name>
    <message>
        <location filename="../../ui/messages.py" line="136"/>
        <source>the import</source>
        <translation>导入</translation>
    </message>
    <message>
        <location filename="../../ui/messages.py" line="137"/>
        <source>the export</source>
        <translation>导出</translation>
    </message>
    <message>
        <location filename="../../ui/messages.py" line="138"/>
        <source>the glossary import</source>
        <translation>术语表导入</translation>
    </message>
    <message>
        <location filename="../../ui/messages.py" line="139"/>
        <source>the memory import</source>
        <translation>翻译记忆导入</translation>
    </message>
    <message>
        <location filename="../../ui/messages.py" line="140"/>
        <source>category</source>
        <translation>类别</translation>
    </message>
    <message>
        <location filename="../../ui/messages.py" line="141"/>
        <source>severity</source>
        <translation>严重程度</translation>
    </message>
    <message>
        <location filename="../../ui/messages.py" line="143"/>
        <source>open</source>
        <translation>打开</translation>
    </message>
    <message>
        <location filename="../../ui/messages.py" line="144"/>
        <source>rewrite</source>
        <translation>改写</translation>
    </message>
    <message>
        <location filename="../../ui/messages.py" line="145"/>
        <source>gloss</source>
        <translation>添加回译</translation>
    </message>
    <message>
        <location filename="../../ui/messages.py" line="146"/>
        <source>annotate</source>
        <translation>批注</translation>
    </message>
    <message>
        <location filename="../../ui/messages.py" line="147"/>
        <source>resolve-annotation</source>
        <translation>解决批注</translation>
    </message>
    <message>
        <location filename="../../ui/messages.py" line="148"/>
        <source>delete-annotation</source>
        <translation>删除批注</translation>
    </message>
    <message>
        <location filename="../../ui/messages.py" line="149"/>
        <source>approve</source>
        <translation>批准</translation>
    </message>
    <message>
        <location filename="../../ui/messages.py" line="150"/>
        <source>reject</source>
        <translation>拒绝</translation>
    </message>
    <message>
        <location filename="../../ui/messages.py" line="151"/>
        <source>request-changes</source>
        <translation>要求修改</translation>
    </message>
    <message>
        <location filename="../../ui/messages.py" line="152"/>
        <source>reopen</source>
        <translation>重新打开</translation>
    </message>
    <message>
        <location filename="../../ui/messages.py" line="153"/>
        <source>signoff</source>
        <translation>签核</translation>
    </message>
    <message>
        <location filename="../../ui/messages.py" line="154"/>
        <source>export</source>
        <translation>导出</translation>
    </message>
    <message>
        <location filename="../../ui/messages.py" line="155"/>
        <source>dismiss-check</source>
        <translation>忽略检查发现</translation>
    </message>
    <message>
        <location filename="../../ui/messages.py" line="156"/>
        <source>assign</source>
        <translation>分派</translation>
    </message>
    <message>
        <location filename="../../ui/messages.py" line="157"/>
        <source>resolve</source>
        <translation>处理冲突</translation>
    </message>
    <message>
        <location filename="../../ui/messages.py" line="159"/>
        <source>pending</source>
        <translation>待审</translation>
    </message>
    <message>
        <location filename="../../ui/messages.py" line="160"/>
        <source>in review</source>
        <translation>审校中</translation>
    </message>
    <message>
        <location filename="../../ui/messages.py" line="161"/>
        <source>approved</source>
        <translation>已批准</translation>
    </message>
    <message>
        <location filename="../../ui/messages.py" line="162"/>
        <source>awaiting signoff</source>
        <translation>待签核</translation>
    </message>
    <message>
        <location filename="../../ui/messages.py" line="163"/>
        <source>changes requested</source>
        <translation>已要求修改</translation>
    </message>
    <message>
        <location filename="../../ui/messages.py" line="164"/>
        <source>rejected</source>
        <translation>已拒绝</translation>
    </message>
    <message>
        <location filename="../../ui/messages.py" line="165"/>
        <source>exported</source>
        <translation>已导出</translation>
    </message>
    <message>
        <location filename="../../ui/messages.py" line="166"/>
        <source>in conflict</source>
        <translation>冲突中</translation>
    </message>
    <message>
        <source>conflict</source>
        <translation type="vanished">冲突</translation>
    </message>
    <message>
        <location filename="../../ui/messages.py" line="167"/>
        <source>reviewer</source>
        <translation>审校员</translation>
    </message>
    <message>
        <location filename="../../ui/messages.py" line="168"/>
        <source>coordinator</source>
        <translation>协调员</translation>
    </message>
    <message>
        <location filename="../../ui/messages.py" line="169"/>
        <source>source</source>
        <translation>原文</translation>
    </message>
    <message>
        <location filename="../../ui/messages.py" line="170"/>
        <source>target</source>
        <translation>译文</translation>
    </message>
    <message>
        <location filename="../../ui/messages.py" line="171"/>
        <source>a note</source>
        <translation>一条备注</translation>
    </message>
    <message>
        <location filename="../../review/texts/desk.py" line="8"/>
        <source>the database {path} is busy: another Review Desk window or command is writing to it; nothing was changed, try again in a moment</source>
        <translation>数据库 {path} 正忙：另一个 Review Desk 窗口或命令正在写入；没有做任何更改，请稍后再试</translation>
    </message>
    <message>
        <source>the database {path} is damaged ({detail}); it was not changed. Close Review Desk and copy the newest file from {backups} over it</source>
        <translation type="vanished">数据库 {path} 已损坏（{detail}）；它没有被改动。请关闭 Review Desk，并用 {backups} 中最新的文件覆盖它</translation>
    </message>
    <message>
        <location filename="../../review/texts/desk.py" line="12"/>
        <source>the database {path} is damaged ({detail}); it was not changed. Restore a backup: `review-desk backup list`, then `review-desk backup restore N` (the window offers the newest one)</source>
        <translation>数据库 {path} 已损坏（{detail}）；它没有被改动。请恢复备份：先运行 `review-desk backup list`，再运行 `review-desk backup restore N`（窗口会提供最新的备份）</translation>
    </message>
    <message>
        <location filename="../../review/texts/desk.py" line="17"/>
        <source>there is no backup {number} of {path} ({count} backups); `review-desk backup list` shows them</source>
        <translation>{path} 没有第 {number} 号备份（共 {count} 个备份）；`review-desk backup list` 会列出它们</translation>
    </message>
    <message>
        <location filename="../../review/texts/desk.py" line="21"/>
        <source>there is no backup {number} of {path} (1 backup); `review-desk backup list` shows it</source>
        <translation>{path} 没有第 {number} 号备份（共 1 个备份）；`review-desk backup list` 会列出它</translation>
    </message>
    <message>
        <location filename="../../review/texts/desk.py" line="24"/>
        <source>could not copy the backup next to {path} ({detail}); nothing was changed: free some disk space and try again</source>
        <translation>无法把备份复制到 {path} 旁边（{detail}）；没有做任何更改：请释放一些磁盘空间后再试</translation>
    </message>
    <message>
        <location filename="../../review/texts/desk.py" line="28"/>
        <source>{path} is open in a Review Desk window (process {pid}); close it, then restore</source>
        <translation>{path} 正在一个 Review Desk 窗口中打开（进程 {pid}）；请先关闭它，再恢复</translation>
    </message>
    <message>
        <location filename="../../review/texts/desk.py" line="31"/>
        <source>cannot open the database {path}: {detail}</source>
        <translation>无法打开数据库 {path}：{detail}</translation>
    </message>
    <message>
        <location filename="../../review/texts/desk.py" line="34"/>
        <source>{path} was written by a newer Review Desk (schema {version}); update Review Desk to open it</source>
        <translation>{path} 由更新版本的 Review Desk 写入（架构 {version}）；请更新 Review Desk 后再打开</translation>
    </message>
    <message>
        <source>could not save to {path}: {detail}; nothing was changed</source>
        <translation type="vanished">无法保存到 {path}：{detail}；没有做任何更改</translation>
    </message>
    <message>
        <location filename="../../review/texts/desk.py" line="38"/>
        <source>could not save to {path}: {detail}; nothing was changed. Free some disk space (or check the drive) and try again</source>
        <translation>无法保存到 {path}：{detail}；没有做任何更改。请释放一些磁盘空间（或检查驱动器）后再试</translation>
    </message>
    <message>
        <location filename="../../review/texts/desk.py" line="42"/>
        <source>could not make the backup {path} ({detail}); nothing was changed: free some disk space and try again</source>
        <translation>无法创建备份 {path}（{detail}）；没有做任何更改：请释放一些磁盘空间后再试</translation>
    </message>
    <message>
        <location filename="../../review/texts/desk.py" line="46"/>
        <source>{what} was cancelled; nothing was changed</source>
        <translation>{what}已取消；没有做任何更改</translation>
    </message>
    <message>
        <location filename="../../review/texts/files.py" line="8"/>
        <source>nothing was imported: {count} problems found</source>
        <translation>未导入任何内容：发现 {count} 个问题</translation>
    </message>
    <message>
        <location filename="../../review/texts/files.py" line="11"/>
        <source>nothing was imported: 1 problem found</source>
        <translation>未导入任何内容：发现 1 个问题</translation>
    </message>
    <message>
        <source>nothing was imported ({count} problem(s)); fix the file and import it again</source>
        <translation type="vanished">未导入任何内容（{count} 个问题）；请修正文件后重新导入</translation>
    </message>
    <message>
        <location filename="../../review/texts/files.py" line="20"/>
        <source>the sample batch {batch} is here already (a work package brought it): it was left as it is</source>
        <translation>示例批次 {batch} 已经在这里（由工作包带来）：保持原样，未作改动</translation>
    </message>
    <message>
        <location filename="../../review/texts/files.py" line="24"/>
        <source>{file} -&gt; batch {batch}: {added} new, {new_drafts} with a new HQ draft, {details_updated} with new details, {unchanged} unchanged</source>
        <translation>{file} -&gt; 批次 {batch}：新增 {added} 条，{new_drafts} 条有新的总部草稿，{details_updated} 条详情有更新，{unchanged} 条未变</translation>
    </message>
    <message>
        <location filename="../../review/texts/files.py" line="32"/>
        <source>the file holds no posts</source>
        <translation>文件中没有帖子</translation>
    </message>
    <message>
        <source>{what}; batch files can be CSV, XLSX, JSON or JSONL ({known}): rename the file or choose the format</source>
        <translation type="vanished">{what}；批次文件可以是 CSV、XLSX、JSON 或 JSONL（{known}）：请重命名文件或选择格式</translation>
    </message>
    <message>
        <location filename="../../review/texts/files.py" line="14"/>
        <source>nothing was imported ({count} problems); fix the file and import it again</source>
        <translation>未导入任何内容（{count} 个问题）；请修正文件后重新导入</translation>
    </message>
    <message>
        <location filename="../../review/texts/files.py" line="17"/>
        <source>nothing was imported (1 problem); fix the file and import it again</source>
        <translation>未导入任何内容（1 个问题）；请修正文件后重新导入</translation>
    </message>
    <message>
        <location filename="../../review/texts/files.py" line="28"/>
        <source>{file} -&gt; batch {batch}: {added} new, {new_drafts} with a new HQ draft, {details_updated} with new details, {unchanged} unchanged; left out: {skipped}</source>
        <translation>{file} -&gt; 批次 {batch}：新增 {added} 条，{new_drafts} 条有新的总部草稿，{details_updated} 条有新的详情，{unchanged} 条未变；未导入：{skipped}</translation>
    </message>
    <message>
        <location filename="../../review/texts/files.py" line="35"/>
        <source>{what}; batch files can be CSV, XLSX, JSON, JSONL or XLIFF ({known}): rename the file or choose the format</source>
        <translation>{what}；批次文件可以是 CSV、XLSX、JSON、JSONL 或 XLIFF（{known}）：请重命名文件或选择格式</translation>
    </message>
    <message>
        <location filename="../../review/texts/files.py" line="39"/>
        <source>the file looks like UTF-16 without a byte order mark; save it as UTF-8</source>
        <translation>文件看起来是没有字节顺序标记的 UTF-16；请另存为 UTF-8</translation>
    </message>
    <message>
        <location filename="../../review/texts/files.py" line="42"/>
        <source>byte {byte} is not valid {encoding} (the file is in another encoding, or damaged); save the file as UTF-8</source>
        <translation>第 {byte} 个字节不是有效的 {encoding}（文件使用了其他编码，或已损坏）；请将文件另存为 UTF-8</translation>
    </message>
    <message>
        <location filename="../../review/texts/files.py" line="46"/>
        <source>character {column}: byte {value} (0x{hex}) is not UTF-8; the whole file can be read as {encodings}: try --encoding {first}</source>
        <translation>第 {column} 个字符：字节 {value}（0x{hex}）不是 UTF-8；整个文件可以按 {encodings} 读取：请试试 --encoding {first}</translation>
    </message>
    <message>
        <location filename="../../review/texts/files.py" line="50"/>
        <source>character {column}: byte {value} (0x{hex}) is not UTF-8, and the file is not GB18030, Windows-1252 or UTF-16 either (it is in another encoding, or damaged); name its encoding with --encoding, or save it as UTF-8</source>
        <translation>第 {column} 个字符：字节 {value}（0x{hex}）不是 UTF-8，文件也不是 GB18030、Windows-1252 或 UTF-16（它使用了其他编码，或已损坏）；请用 --encoding 指定其编码，或将其另存为 UTF-8</translation>
    </message>
    <message>
        <location filename="../../review/texts/files.py" line="55"/>
        <source>character {column}: byte {value} (0x{hex}) is not {encoding}; the file is in another encoding (import it without --encoding to see which would read it)</source>
        <translation>第 {column} 个字符：字节 {value}（0x{hex}）不是 {encoding}；文件使用了其他编码（不加 --encoding 导入，可查看哪些编码能读取它）</translation>
    </message>
    <message>
        <location filename="../../review/texts/files.py" line="59"/>
        <source>--encoding: {name!r} is not an encoding Python knows; e.g. utf-8, gb18030, cp1252, utf-16</source>
        <translation>--encoding：{name!r} 不是 Python 认识的编码；例如 utf-8、gb18030、cp1252、utf-16</translation>
    </message>
    <message>
        <location filename="../../review/texts/files.py" line="63"/>
        <source>the file is empty; expected a header row and one row per post</source>
        <translation>文件为空；应有一行表头，每个帖子一行</translation>
    </message>
    <message>
        <location filename="../../review/texts/files.py" line="66"/>
        <source>the first worksheet is empty; expected a header row and one row per post</source>
        <translation>第一个工作表为空；应有一行表头，每个帖子一行</translation>
    </message>
    <message>
        <location filename="../../review/texts/files.py" line="69"/>
        <source>a quoted field starts here and its closing quote is missing, so the rest of the file would be read as one cell; close the quote, or write a quote inside a field as &quot;&quot;</source>
        <translation>此处开始一个带引号的字段，但缺少结束引号，文件其余部分会被读成一个单元格；请补上引号，或在字段内把引号写成 &quot;&quot;</translation>
    </message>
    <message>
        <location filename="../../review/texts/files.py" line="74"/>
        <source>contains a NUL byte; the file is damaged or not a text file: save it again as CSV</source>
        <translation>包含 NUL 字节；文件已损坏或不是文本文件：请重新另存为 CSV</translation>
    </message>
    <message>
        <location filename="../../review/texts/files.py" line="77"/>
        <source>contains a byte order mark (U+FEFF) in the middle of the file, probably where two files were joined; remove it</source>
        <translation>文件中间含有字节顺序标记（U+FEFF），可能是两个文件拼接之处；请删除它</translation>
    </message>
    <message>
        <location filename="../../review/texts/files.py" line="81"/>
        <source>row has {cells} cells, the header has {columns}; check the delimiters and quotes in this row</source>
        <translation>该行有 {cells} 个单元格，表头有 {columns} 个；请检查这一行的分隔符和引号</translation>
    </message>
    <message>
        <location filename="../../review/texts/files.py" line="85"/>
        <source>row has 1 cell, the header has {columns}; check the delimiters and quotes in this row</source>
        <translation>该行只有 1 个单元格，表头有 {columns} 个；请检查这一行的分隔符和引号</translation>
    </message>
    <message>
        <location filename="../../review/texts/files.py" line="89"/>
        <source>the row has more than {limit:,} cells, the most a spreadsheet has: check the delimiter, or delete the empty columns</source>
        <translation>该行超过 {limit:,} 个单元格，这是电子表格的最大列数：请检查分隔符，或删除空列</translation>
    </message>
    <message>
        <location filename="../../review/texts/files.py" line="93"/>
        <source>the file holds more than {limit:,} cells outside Review Desk&apos;s columns (each is kept with its post as extra data): delete the columns the review does not need, or split the file</source>
        <translation>文件中 Review Desk 列以外的单元格超过 {limit:,} 个（每个都作为附加数据随帖子保存）：请删除审阅不需要的列，或拆分文件</translation>
    </message>
    <message>
        <location filename="../../review/texts/files.py" line="98"/>
        <source>a post of {count:,} keys and values: reading it would take more memory than a file of this size may use; a post has a few dozen, delete the ones the review does not need</source>
        <translation>一条帖子含 {count:,} 个键和值：读取它所需的内存超过此大小的文件允许使用的量；一条帖子通常只有几十个，请删除审阅不需要的</translation>
    </message>
    <message>
        <location filename="../../review/texts/files.py" line="102"/>
        <source>an object with {count:,} keys; a post has at most {limit:,}: delete the keys the review does not need</source>
        <translation>一个对象含 {count:,} 个键；一条帖子最多 {limit:,} 个：请删除审阅不需要的键</translation>
    </message>
    <message>
        <location filename="../../review/texts/files.py" line="106"/>
        <source>the glossary holds more than {limit:,} entries; split it into several glossaries</source>
        <translation>该词汇表超过 {limit:,} 个条目；请拆分为几个词汇表</translation>
    </message>
    <message>
        <location filename="../../review/texts/files.py" line="109"/>
        <source>the file holds more than {limit:,} posts, the most one import takes; split it into smaller files</source>
        <translation>文件中的帖子超过 {limit:,} 条，这是一次导入的上限；请将其拆分为较小的文件</translation>
    </message>
    <message>
        <location filename="../../review/texts/files.py" line="113"/>
        <source>stopped reading after {count:,} problems; fix these (the same mistake is probably repeated on every row) and import again</source>
        <translation>发现 {count:,} 个问题后停止读取；请先修正这些问题（同一错误可能在每一行重复出现），然后重新导入</translation>
    </message>
    <message>
        <location filename="../../review/texts/files.py" line="117"/>
        <source>the file is {size:,.1f} MB; the limit is {limit:,} MB: split the batch into smaller files</source>
        <translation>文件大小为 {size:,.1f} MB；上限为 {limit:,} MB：请将该批次拆分为较小的文件</translation>
    </message>
    <message>
        <location filename="../../review/texts/files.py" line="121"/>
        <source>the cell contains a formula whose value was never calculated; copy the column and paste it back as values</source>
        <translation>单元格中的公式从未计算过值；请复制这一列并以“值”的方式粘贴回去</translation>
    </message>
    <message>
        <location filename="../../review/texts/files.py" line="126"/>
        <source>cannot read it: it is not a regular file</source>
        <translation>无法读取：它不是普通文件</translation>
    </message>
    <message>
        <location filename="../../review/texts/files.py" line="129"/>
        <source>cannot open the file: it does not exist (moved or renamed?)</source>
        <translation>无法打开文件：文件不存在（是否已移动或重命名？）</translation>
    </message>
    <message>
        <location filename="../../review/texts/files.py" line="132"/>
        <source>cannot open it: it is a folder, not a file</source>
        <translation>无法打开：这是一个文件夹，不是文件</translation>
    </message>
    <message>
        <location filename="../../review/texts/files.py" line="135"/>
        <source>cannot open the file: permission denied</source>
        <translation>无法打开文件：没有权限</translation>
    </message>
    <message>
        <location filename="../../review/texts/files.py" line="138"/>
        <source>cannot open the file: {detail}</source>
        <translation>无法打开文件：{detail}</translation>
    </message>
    <message>
        <location filename="../../review/texts/files.py" line="142"/>
        <source>this is an old-style .xls workbook or a password-protected .xlsx; remove the password and save it as an Excel Workbook (.xlsx)</source>
        <translation>这是旧式的 .xls 工作簿或有密码保护的 .xlsx；请去掉密码，另存为 Excel 工作簿（.xlsx）</translation>
    </message>
    <message>
        <location filename="../../review/texts/files.py" line="146"/>
        <source>not an XLSX workbook (it is damaged, truncated, or another kind of file); open it in a spreadsheet and save it as an Excel Workbook (.xlsx)</source>
        <translation>不是 XLSX 工作簿（文件已损坏、不完整，或是其他类型的文件）；请在电子表格软件中打开，另存为 Excel 工作簿（.xlsx）</translation>
    </message>
    <message>
        <location filename="../../review/texts/files.py" line="150"/>
        <source>the workbook unpacks to {size:,.0f} MB; the limit is {limit:,} MB: split the batch into smaller workbooks</source>
        <translation>工作簿解压后为 {size:,.0f} MB；上限为 {limit:,} MB：请将该批次拆分为较小的工作簿</translation>
    </message>
    <message>
        <location filename="../../review/texts/files.py" line="154"/>
        <source>the workbook is a zip of {count:,} files; a workbook holds a few dozen (at most {limit:,} are read): open it in a spreadsheet and save it again as an Excel Workbook (.xlsx)</source>
        <translation>该工作簿是一个含 {count:,} 个文件的压缩包；正常工作簿只含几十个（最多读取 {limit:,} 个）：请在电子表格软件中打开，重新另存为 Excel 工作簿（.xlsx）</translation>
    </message>
    <message>
        <location filename="../../review/texts/files.py" line="159"/>
        <source>the workbook holds two parts named {name}: spreadsheet programs show the first, and Review Desk would import the second, so it imports neither; open it in a spreadsheet and save it again, then check what you see before importing</source>
        <translation>工作簿中有两个名为 {name} 的部件：电子表格软件显示第一个，而 Review Desk 会导入第二个，因此两个都不导入；请在电子表格软件中打开并重新保存，导入前核对所见内容</translation>
    </message>
    <message>
        <location filename="../../review/texts/files.py" line="164"/>
        <source>reading the workbook would take more than the {limit:,} MB of memory a file of its size may use ({detail}): it was not saved by a spreadsheet program, or it was made to exhaust memory; open it in a spreadsheet, save it again, or split the batch</source>
        <translation>读取该工作簿所需内存将超过此大小的文件允许使用的 {limit:,} MB（{detail}）：它不是由电子表格软件保存的，或是为耗尽内存而制作的；请在电子表格软件中打开并重新保存，或拆分该批次</translation>
    </message>
    <message>
        <location filename="../../review/texts/files.py" line="169"/>
        <source>{count:,} XML elements in {member} so far</source>
        <translation>{member} 中目前已有 {count:,} 个 XML 元素</translation>
    </message>
    <message>
        <location filename="../../review/texts/files.py" line="172"/>
        <source>{count:,} shared strings in {member} so far</source>
        <translation>{member} 中目前已有 {count:,} 个共享字符串</translation>
    </message>
    <message>
        <location filename="../../review/texts/files.py" line="175"/>
        <source>{member} is damaged or too deep to read</source>
        <translation>{member} 已损坏或嵌套过深，无法读取</translation>
    </message>
    <message>
        <location filename="../../review/texts/files.py" line="178"/>
        <source>the rows of {member} span more than {limit:,} cells (each row as wide as its last cell): delete the empty columns far to the right, or split the batch</source>
        <translation>{member} 的各行共跨越超过 {limit:,} 个单元格（每行宽度按其最后一个单元格计）：请删除右侧远处的空列，或拆分该批次</translation>
    </message>
    <message>
        <location filename="../../review/texts/files.py" line="182"/>
        <source>the workbook&apos;s cells hold more than {limit:,} characters of text (a text stored once counts each time a cell uses it, as the database would store it), the most a file of {size:,.1f} MB may bring: split the batch, or send it as CSV</source>
        <translation>工作簿的单元格中文字超过 {limit:,} 个字符（同一段文字每被一个单元格使用就计一次，与数据库的存储方式相同），超出 {size:,.1f} MB 的文件可带入的上限：请拆分该批次，或改用 CSV 发送</translation>
    </message>
    <message>
        <location filename="../../review/texts/files.py" line="188"/>
        <source>{path}: no manifest there; give it with --manifest</source>
        <translation>{path}：那里没有清单；请用 --manifest 指定</translation>
    </message>
    <message>
        <location filename="../../review/texts/files.py" line="191"/>
        <source>{path}: the manifest cannot be read: {why}</source>
        <translation>{path}：无法读取清单：{why}</translation>
    </message>
    <message>
        <location filename="../../review/texts/files.py" line="194"/>
        <source>{path}: {size:,.1f} MB is too large for a manifest (at most {limit} MB); it is not one</source>
        <translation>{path}：{size:,.1f} MB 对清单来说太大（最多 {limit} MB）；它不是清单</translation>
    </message>
    <message>
        <location filename="../../review/texts/files.py" line="197"/>
        <source>{path}: not a Review Desk manifest: {why}</source>
        <translation>{path}：不是 Review Desk 清单：{why}</translation>
    </message>
    <message>
        <location filename="../../review/texts/files.py" line="200"/>
        <source>byte {byte:,} is not valid UTF-8</source>
        <translation>第 {byte:,} 个字节不是有效的 UTF-8</translation>
    </message>
    <message>
        <location filename="../../review/texts/files.py" line="203"/>
        <source>values nested too deep</source>
        <translation>值的嵌套层数过深</translation>
    </message>
    <message>
        <location filename="../../review/texts/files.py" line="206"/>
        <source>{path}: not a Review Desk manifest (keys missing)</source>
        <translation>{path}：不是 Review Desk 清单（缺少键）</translation>
    </message>
    <message>
        <location filename="../../review/texts/files.py" line="209"/>
        <source>{path}: manifest version {version} is not known to this Review Desk (it reads version {known})</source>
        <translation>{path}：此 Review Desk 不认识清单版本 {version}（它读取版本 {known}）</translation>
    </message>
    <message>
        <location filename="../../review/texts/files.py" line="213"/>
        <source>{path}: cannot check it: {why}</source>
        <translation>{path}：无法核对：{why}</translation>
    </message>
    <message>
        <location filename="../../review/texts/files.py" line="217"/>
        <source>the file is {size:,.1f} MB; the limit is {limit} MB: split it into smaller files in the tool that made it</source>
        <translation>文件大小为 {size:,.1f} MB；上限为 {limit} MB：请在生成它的工具中将其拆分为较小的文件</translation>
    </message>
    <message>
        <location filename="../../review/texts/files.py" line="221"/>
        <source>the file is not well-formed XML: {detail}; it is damaged, cut short or not XML: export it again from the tool that made it</source>
        <translation>文件不是格式正确的 XML：{detail}；文件已损坏、不完整或不是 XML：请从生成它的工具重新导出</translation>
    </message>
    <message>
        <location filename="../../review/texts/files.py" line="225"/>
        <source>the file is not well-formed XML: {detail} (column {column}); it is damaged, cut short or not XML: export it again from the tool that made it</source>
        <translation>文件不是格式正确的 XML：{detail}（第 {column} 列）；文件已损坏、不完整或不是 XML：请从生成它的工具重新导出</translation>
    </message>
    <message>
        <location filename="../../review/texts/files.py" line="229"/>
        <source>the DOCTYPE declares an entity; entities (&lt;!ENTITY ...&gt;) can read files on this computer or blow up to gigabytes (XXE, &apos;billion laughs&apos;), so Review Desk refuses them: export the file again without a DOCTYPE, or replace each entity by its text</source>
        <translation>DOCTYPE 中声明了实体；实体（&lt;!ENTITY ...&gt;）可能读取这台电脑上的文件，或膨胀到数 GB（XXE、“十亿笑声”攻击），因此 Review Desk 拒绝接受：请不带 DOCTYPE 重新导出文件，或把每个实体替换为它代表的文字</translation>
    </message>
    <message>
        <location filename="../../review/texts/files.py" line="234"/>
        <source>the file&apos;s {size:,.1f} MB hold {tags:,} tags and {attributes:,} attributes: reading it would take about {need:,} MB of memory, more than the {limit:,} MB a file of this size may use; it was not made by a translation tool, or was made to exhaust memory: split it into smaller files</source>
        <translation>该文件的 {size:,.1f} MB 中有 {tags:,} 个标记和 {attributes:,} 个属性：读取它约需 {need:,} MB 内存，超过此大小的文件允许使用的 {limit:,} MB；它不是由翻译工具生成的，或是为耗尽内存而制作的：请拆分为较小的文件</translation>
    </message>
    <message>
        <location filename="../../review/texts/files.py" line="240"/>
        <source>the attribute {attribute} of &lt;{element}&gt; uses the entity {entity}, which is defined (if at all) in a DTD that Review Desk does not load, so it would be dropped from the value without a word; replace it by the text it stands for</source>
        <translation>&lt;{element}&gt; 的属性 {attribute} 使用了实体 {entity}，它（若有定义）定义在 Review Desk 不加载的 DTD 中，因此会被悄悄从属性值中删去；请换成它所代表的文字</translation>
    </message>
    <message>
        <location filename="../../review/texts/files.py" line="245"/>
        <source>uses the entity {entity}, which is defined (if at all) in a DTD that Review Desk does not load, so its text would be lost; replace it by the text it stands for</source>
        <translation>使用了实体 {entity}，它（如果有定义的话）定义在 Review Desk 不加载的 DTD 中，其文字会丢失；请把它替换为它代表的文字</translation>
    </message>
    <message>
        <location filename="../../review/texts/files.py" line="249"/>
        <source>the XML declaration names the encoding {encoding!r}, which Review Desk does not know; save the file as UTF-8</source>
        <translation>XML 声明中的编码 {encoding!r} 是 Review Desk 不认识的编码；请将文件另存为 UTF-8</translation>
    </message>
    <message>
        <location filename="../../review/texts/files.py" line="253"/>
        <source>the root element is &lt;{name}&gt;, not &lt;{root}&gt;; this is {found}, not {wanted}: {advice}</source>
        <translation>根元素是 &lt;{name}&gt;，不是 &lt;{root}&gt;；这是{found}，不是{wanted}：{advice}</translation>
    </message>
    <message>
        <location filename="../../review/texts/files.py" line="256"/>
        <source>the root element is &lt;{name}&gt;, not &lt;{root}&gt;; this is not {wanted}: choose the right file</source>
        <translation>根元素是 &lt;{name}&gt;，不是 &lt;{root}&gt;；这不是{wanted}：请选择正确的文件</translation>
    </message>
    <message>
        <location filename="../../review/texts/files.py" line="261"/>
        <source>a TMX translation memory</source>
        <translation>一个 TMX 翻译记忆文件</translation>
    </message>
    <message>
        <location filename="../../review/texts/files.py" line="262"/>
        <source>a TBX glossary</source>
        <translation>一个 TBX 术语表</translation>
    </message>
    <message>
        <location filename="../../review/texts/files.py" line="263"/>
        <source>a TBX 3 glossary</source>
        <translation>一个 TBX 3 术语表</translation>
    </message>
    <message>
        <location filename="../../review/texts/files.py" line="264"/>
        <source>an XLIFF file</source>
        <translation>一个 XLIFF 文件</translation>
    </message>
    <message>
        <location filename="../../review/texts/files.py" line="265"/>
        <source>import it with `tm import`</source>
        <translation>请用“导入翻译记忆”（`tm import`）导入</translation>
    </message>
    <message>
        <location filename="../../review/texts/files.py" line="266"/>
        <location filename="../../review/texts/files.py" line="267"/>
        <source>import it with `glossary import`</source>
        <translation>请用“导入术语表”（`glossary import`）导入</translation>
    </message>
    <message>
        <location filename="../../review/texts/files.py" line="295"/>
        <source>{path} is a file, not a folder; name a folder for the pictures</source>
        <translation>{path} 是文件而不是文件夹；请为图片指定一个文件夹</translation>
    </message>
    <message>
        <location filename="../../review/texts/files.py" line="297"/>
        <source>the picture &apos;{name}&apos; of post {id} is not in this database; import the batch (or the package) that brought it again</source>
        <translation>帖子 {id} 的图片“{name}”不在此数据库中；请重新导入带来它的批次（或工作包）</translation>
    </message>
    <message>
        <source>export it from its tool as TBX-Basic (TBX 2008, &lt;martif&gt;)</source>
        <translation type="vanished">请在其工具中导出为 TBX-Basic（TBX 2008，&lt;martif&gt;）</translation>
    </message>
    <message>
        <location filename="../../review/texts/files.py" line="268"/>
        <source>import it as a batch</source>
        <translation>请作为批次导入</translation>
    </message>
    <message>
        <location filename="../../review/texts/files.py" line="269"/>
        <source>xml:lang {problem}</source>
        <translation>xml:lang 属性：{problem}</translation>
    </message>
    <message>
        <location filename="../../review/texts/termbases.py" line="7"/>
        <source>{count} of {total} concepts skipped (no {source} and {target} term): {names}</source>
        <translation>跳过了 {total} 个概念中的 {count} 个（没有 {source} 和 {target} 术语）：{names}</translation>
    </message>
    <message>
        <location filename="../../review/texts/termbases.py" line="10"/>
        <source>1 of {total} concepts skipped (no {source} and {target} term): {names}</source>
        <translation>跳过了 {total} 个概念中的 1 个（没有 {source} 和 {target} 术语）：{names}</translation>
    </message>
    <message>
        <location filename="../../review/texts/termbases.py" line="13"/>
        <source>{names} and {more} more</source>
        <translation>{names} 等另外 {more} 个</translation>
    </message>
    <message>
        <location filename="../../review/texts/termbases.py" line="14"/>
        <source>a TBX 3 file of style &quot;{style}&quot;: Review Desk reads TBX 3 in the DCA style (TBX-Basic, TBX-Core); export it from its tool in that style, or as TBX 2008 (&lt;martif&gt;)</source>
        <translation>样式为“{style}”的 TBX 3 文件：Review Desk 读取 DCA 样式的 TBX 3（TBX-Basic、TBX-Core）；请在其工具中以该样式导出，或导出为 TBX 2008（&lt;martif&gt;）</translation>
    </message>
    <message>
        <location filename="../../review/texts/termbases.py" line="19"/>
        <source>unknown glossary format {fmt!r}; glossaries are CSV, TSV or TBX files (.csv, .tsv, .tbx)</source>
        <translation>未知的术语表格式 {fmt!r}；术语表是 CSV、TSV 或 TBX 文件（.csv、.tsv、.tbx）</translation>
    </message>
    <message>
        <location filename="../../review/texts/termbases.py" line="23"/>
        <source>cannot tell the glossary format from the extension {extension!r}; glossaries are CSV, TSV or TBX files (.csv, .tsv, .tbx)</source>
        <translation>无法从扩展名 {extension!r} 判断术语表格式；术语表是 CSV、TSV 或 TBX 文件（.csv、.tsv、.tbx）</translation>
    </message>
    <message>
        <location filename="../../review/texts/termbases.py" line="27"/>
        <source>cannot tell the glossary format: the file name has no extension; glossaries are CSV, TSV or TBX files (.csv, .tsv, .tbx)</source>
        <translation>无法判断术语表格式：文件名没有扩展名；术语表是 CSV、TSV 或 TBX 文件（.csv、.tsv、.tbx）</translation>
    </message>
    <message>
        <location filename="../../review/texts/termbases.py" line="31"/>
        <source>{option} {problem}</source>
        <translation>选项 {option}：{problem}</translation>
    </message>
    <message>
        <location filename="../../review/texts/termbases.py" line="34"/>
        <source>a CSV glossary does not say its languages: give the source and the target language (e.g. --source zh-CN --target en)</source>
        <translation>CSV 术语表不标明语言：请给出源语言和目标语言（例如 --source zh-CN --target en）</translation>
    </message>
    <message>
        <location filename="../../review/texts/termbases.py" line="38"/>
        <source>unknown status {text!r}; use one of {statuses} (admitted, superseded, obsolete, notRecommended, prohibited and the TBX names such as preferredTerm-admn-sts are understood too)</source>
        <translation>未知状态 {text!r}；请使用以下之一：{statuses}（也能识别 admitted、superseded、obsolete、notRecommended、prohibited 以及 preferredTerm-admn-sts 这样的 TBX 名称）</translation>
    </message>
    <message>
        <location filename="../../review/texts/termbases.py" line="43"/>
        <source>the file holds no glossary rows; expected a header row ({columns}) and one row per rendering</source>
        <translation>文件中没有术语行；应有一行表头（{columns}），每个译法一行</translation>
    </message>
    <message>
        <location filename="../../review/texts/termbases.py" line="47"/>
        <source>row has {cells} cells, the header has {columns}; check the delimiters and quotes</source>
        <translation>该行有 {cells} 个单元格，表头有 {columns} 个；请检查分隔符和引号</translation>
    </message>
    <message>
        <location filename="../../review/texts/termbases.py" line="50"/>
        <source>unknown column; a glossary has the columns {columns} (also accepted: term, translation): rename or remove it</source>
        <translation>未知的列；术语表的列为 {columns}（也接受：term、translation）：请重命名或删除这一列</translation>
    </message>
    <message>
        <location filename="../../review/texts/termbases.py" line="54"/>
        <source>a second {column!r} column; keep one of them</source>
        <translation>第二个 {column!r} 列；请只保留其中一个</translation>
    </message>
    <message>
        <location filename="../../review/texts/termbases.py" line="57"/>
        <source>missing required column {column!r}</source>
        <translation>缺少必需的列 {column!r}</translation>
    </message>
    <message>
        <location filename="../../review/texts/termbases.py" line="60"/>
        <source>a value under a column without a name; name the column or remove the value</source>
        <translation>没有列名的列下有值；请给这一列命名，或删除这个值</translation>
    </message>
    <message>
        <location filename="../../review/texts/termbases.py" line="63"/>
        <source>spans several lines; a term is one line</source>
        <translation>跨多行；术语应为一行</translation>
    </message>
    <message>
        <location filename="../../review/texts/termbases.py" line="66"/>
        <source>{text!r} is not yes or no; write yes, no (or true, false, 1, 0), or leave it empty for no</source>
        <translation>{text!r} 不是 yes 或 no；请写 yes、no（或 true、false、1、0），留空表示 no</translation>
    </message>
    <message>
        <location filename="../../review/texts/termbases.py" line="70"/>
        <source>empty; every row needs the source term</source>
        <translation>为空；每一行都需要源术语</translation>
    </message>
    <message>
        <location filename="../../review/texts/termbases.py" line="73"/>
        <source>empty; give the rendering, or mark a name or brand that stays as it is with dnt=yes</source>
        <translation>为空；请给出译法，或用 dnt=yes 标明保持原样的名称或品牌</translation>
    </message>
    <message>
        <location filename="../../review/texts/termbases.py" line="76"/>
        <source>has no xml:lang; say which language it is</source>
        <translation>没有 xml:lang；请标明它是哪种语言</translation>
    </message>
    <message>
        <location filename="../../review/texts/termbases.py" line="79"/>
        <source>the file holds no &lt;langSet&gt; with a language: it has no terms</source>
        <translation>文件中没有带语言的 &lt;langSet&gt;：其中没有术语</translation>
    </message>
    <message>
        <location filename="../../review/texts/termbases.py" line="82"/>
        <source>{source} and {target} are the same language in this file; give two different languages</source>
        <translation>在这个文件中 {source} 和 {target} 是同一种语言；请给出两种不同的语言</translation>
    </message>
    <message>
        <location filename="../../review/texts/termbases.py" line="86"/>
        <source>the file has terms in {languages}; say which language is the source and which the target (--source LANG --target LANG)</source>
        <translation>文件中有以下语言的术语：{languages}；请指明哪种是源语言、哪种是目标语言（--source 语言 --target 语言）</translation>
    </message>
    <message>
        <location filename="../../review/texts/termbases.py" line="90"/>
        <source>{option} {wanted} could mean {choices} in this file; give one</source>
        <translation>在这个文件中，{option} {wanted} 可能指 {choices}；请指定其中一个</translation>
    </message>
    <message>
        <location filename="../../review/texts/termbases.py" line="93"/>
        <source>{first} or {second}</source>
        <translation>{first} 或 {second}</translation>
    </message>
    <message>
        <location filename="../../review/texts/termbases.py" line="96"/>
        <source>the file has no {wanted} terms; its languages are {languages}: choose one of them with {option}</source>
        <translation>文件中没有 {wanted} 的术语；其语言为 {languages}：请用 {option} 选择其中之一</translation>
    </message>
    <message>
        <location filename="../../review/texts/termbases.py" line="100"/>
        <source>no concept has terms in both {source} and {target}; nothing to import</source>
        <translation>没有任何概念同时具有 {source} 和 {target} 的术语；没有可导入的内容</translation>
    </message>
    <message>
        <location filename="../../review/texts/termbases.py" line="103"/>
        <source>a glossary needs a name (--name NAME)</source>
        <translation>术语表需要一个名称（--name 名称）</translation>
    </message>
    <message>
        <location filename="../../review/texts/termbases.py" line="106"/>
        <source>no glossary {name!r} (glossaries: {known})</source>
        <translation>没有术语表 {name!r}（现有术语表：{known}）</translation>
    </message>
    <message>
        <location filename="../../review/texts/termbases.py" line="109"/>
        <source>no glossary {name!r} (glossaries: none yet)</source>
        <translation>没有术语表 {name!r}（目前还没有术语表）</translation>
    </message>
    <message>
        <location filename="../../review/texts/termbases.py" line="113"/>
        <source>the file holds no translation unit with both a source and a target text ({skipped} left out); nothing to add to the memory</source>
        <translation>文件中没有同时具有原文和译文的翻译单元（略过 {skipped} 个）；没有可添加到翻译记忆的内容</translation>
    </message>
    <message>
        <location filename="../../review/texts/termbases.py" line="117"/>
        <source>has no xml:lang; say which language the segment is in</source>
        <translation>没有 xml:lang；请标明该片段是哪种语言</translation>
    </message>
    <message>
        <location filename="../../review/texts/termbases.py" line="120"/>
        <source>has {count} &lt;seg&gt; elements; a &lt;tuv&gt; has exactly one</source>
        <translation>有 {count} 个 &lt;seg&gt; 元素；一个 &lt;tuv&gt; 只能有一个</translation>
    </message>
    <message>
        <location filename="../../review/texts/termbases.py" line="123"/>
        <source>the translation memory is empty: import a TMX file or approve posts first</source>
        <translation>翻译记忆为空：请先导入 TMX 文件或批准帖子</translation>
    </message>
    <message>
        <location filename="../../review/texts/termbases.py" line="126"/>
        <source>the translation memory holds no unit from {source} into {target}; `review-desk tm export` without languages writes every unit</source>
        <translation>翻译记忆库中没有从 {source} 译为 {target} 的单元；不带语言参数的 `review-desk tm export` 会写出所有单元</translation>
    </message>
    <message>
        <location filename="../../review/texts/files.py" line="301"/>
        <location filename="../../review/texts/termbases.py" line="130"/>
        <source>cannot write {path}: {detail}</source>
        <translation>无法写入 {path}：{detail}</translation>
    </message>
    <message>
        <location filename="../../review/texts/batches.py" line="8"/>
        <source>translate-toolkit cannot read this XLIFF {version} file ({detail}); export it again from the tool that made it</source>
        <translation>translate-toolkit 无法读取这个 XLIFF {version} 文件（{detail}）；请从生成它的工具重新导出</translation>
    </message>
    <message>
        <location filename="../../review/texts/batches.py" line="12"/>
        <source>the file holds no translation units; nothing to import</source>
        <translation>文件中没有翻译单元；没有可导入的内容</translation>
    </message>
    <message>
        <source>the file does not say the target language; choose it when importing (--target-lang)</source>
        <translation type="vanished">文件没有说明目标语言；请在导入时选择（--target-lang）</translation>
    </message>
    <message>
        <location filename="../../review/texts/batches.py" line="103"/>
        <source>{count} units do not say their platform (XLIFF has no place for it); choose the platform when importing (--platform x|facebook|youtube|linkedin|other)</source>
        <translation>{count} 个单元没有说明其平台（XLIFF 没有存放平台的位置）；请在导入时选择平台（--platform x|facebook|youtube|linkedin|other）</translation>
    </message>
    <message>
        <location filename="../../review/texts/batches.py" line="107"/>
        <source>1 unit does not say its platform (XLIFF has no place for it); choose the platform when importing (--platform x|facebook|youtube|linkedin|other)</source>
        <translation>1 个单元没有说明其平台（XLIFF 没有存放平台的位置）；请在导入时选择平台（--platform x|facebook|youtube|linkedin|other）</translation>
    </message>
    <message>
        <location filename="../../review/texts/exports.py" line="36"/>
        <source>batch {batch} has no approved posts to export (states: no posts)</source>
        <translation>批次 {batch} 没有可导出的已批准帖子（状态：没有帖子）</translation>
    </message>
    <message>
        <location filename="../../review/texts/exports.py" line="39"/>
        <source>{count} {state}</source>
        <translation>{count} 条{state}</translation>
    </message>
    <message>
        <source>post {id} changed while you were saving (another window or command); nothing was saved: look at it again and save once more</source>
        <translation type="vanished">保存时帖子 {id} 已被更改（另一个窗口或命令）；未保存任何内容：请重新查看后再保存一次</translation>
    </message>
    <message>
        <location filename="../../review/texts/desk.py" line="75"/>
        <source>the revision it glosses is not the post&apos;s current one there</source>
        <translation>它所回译的修订不是帖子当时的当前修订</translation>
    </message>
    <message>
        <location filename="../../review/texts/desk.py" line="80"/>
        <source>cannot approve post {id}: the checks found {count} open errors:
{findings}
fix the text, dismiss a finding that does not apply (`review-desk dismiss`), or approve anyway with --despite-findings (the findings are recorded with the approval)</source>
        <translation>无法批准帖子 {id}：检查发现 {count} 个未处理的错误：
{findings}
请修改文本、忽略不适用的发现（`review-desk dismiss`），或用 --despite-findings 仍然批准（这些发现会随批准一起记录）</translation>
    </message>
    <message>
        <location filename="../../review/texts/desk.py" line="85"/>
        <source>cannot approve post {id}: the checks found 1 open error:
{findings}
fix the text, dismiss the finding if it does not apply (`review-desk dismiss`), or approve anyway with --despite-findings (the finding is recorded with the approval)</source>
        <translation>无法批准帖子 {id}：检查发现 1 个未处理的错误：
{findings}
请修改文本、如不适用请忽略该发现（`review-desk dismiss`），或用 --despite-findings 仍然批准（该发现会随批准一起记录）</translation>
    </message>
    <message>
        <location filename="../../review/texts/desk.py" line="93"/>
        <source>{key!r} matches {count} posts: {where}; use the post id</source>
        <translation>{key!r} 匹配 {count} 个帖子：{where}；请使用帖子编号</translation>
    </message>
    <message>
        <location filename="../../review/texts/desk.py" line="96"/>
        <source>post {id} has no revision {revision}</source>
        <translation>帖子 {id} 没有第 {revision} 个修订</translation>
    </message>
    <message>
        <location filename="../../review/texts/desk.py" line="99"/>
        <source>give --start and --end (a span of the text), or --picture NAME</source>
        <translation>请给出 --start 和 --end（文本的一段），或 --picture NAME</translation>
    </message>
    <message>
        <location filename="../../review/texts/desk.py" line="101"/>
        <source>post {id} has no picture &apos;{picture}&apos;; its pictures: {pictures}</source>
        <translation>帖子 {id} 没有图片“{picture}”；它的图片：{pictures}</translation>
    </message>
    <message>
        <location filename="../../review/texts/desk.py" line="104"/>
        <source>span {start}-{end} is empty or reversed: the end (the character after the span) must be greater than the start</source>
        <translation>范围 {start}-{end} 为空或前后颠倒：结束位置（范围之后的那个字符）必须大于开始位置</translation>
    </message>
    <message>
        <location filename="../../review/texts/desk.py" line="108"/>
        <source>span {start}-{end} is outside revision {revision} of post {id} ({count} characters); give 0 &lt;= start &lt; end &lt;= {count}</source>
        <translation>范围 {start}-{end} 超出了帖子 {id} 的第 {revision} 个修订（{count} 个字符）；请给出 0 &lt;= start &lt; end &lt;= {count}</translation>
    </message>
    <message>
        <location filename="../../review/texts/desk.py" line="112"/>
        <source>span {start}-{end} is outside revision {revision} of post {id} (1 character); give 0 &lt;= start &lt; end &lt;= 1</source>
        <translation>范围 {start}-{end} 超出了帖子 {id} 的第 {revision} 个修订（1 个字符）；请给出 0 &lt;= start &lt; end &lt;= 1</translation>
    </message>
    <message>
        <location filename="../../review/texts/desk.py" line="116"/>
        <source>post {id} has no annotation {annotation}</source>
        <translation>帖子 {id} 没有批注 {annotation}</translation>
    </message>
    <message>
        <location filename="../../review/texts/desk.py" line="119"/>
        <source>unknown {what} {value!r}; use one of: {allowed}</source>
        <translation>未知的{what} {value!r}；请使用以下之一：{allowed}</translation>
    </message>
    <message>
        <location filename="../../review/texts/desk.py" line="122"/>
        <source>post {id} has no finding {key!r} now; its findings: {findings}</source>
        <translation>帖子 {id} 现在没有检查发现 {key!r}；它的检查发现：{findings}</translation>
    </message>
    <message>
        <location filename="../../review/texts/desk.py" line="125"/>
        <source>post {id} has no finding {key!r} now; its findings: none</source>
        <translation>帖子 {id} 现在没有检查发现 {key!r}；它目前没有任何检查发现</translation>
    </message>
    <message>
        <location filename="../../review/texts/desk.py" line="129"/>
        <source>say who you are: a name is needed (--as NAME)</source>
        <translation>请说明您是谁：需要一个名字（--as 名字）</translation>
    </message>
    <message>
        <location filename="../../review/texts/desk.py" line="132"/>
        <source>{name!r} is not a usable name: give up to 100 printable characters, no control characters or line breaks</source>
        <translation>{name!r} 不是可用的名字：请给出最多 100 个可打印字符，不含控制字符或换行</translation>
    </message>
    <message>
        <location filename="../../review/texts/desk.py" line="136"/>
        <source>unknown role {role!r}; use one of: {roles}</source>
        <translation>未知角色 {role!r}；请使用以下之一：{roles}</translation>
    </message>
    <message>
        <location filename="../../review/texts/desk.py" line="141"/>
        <source>cannot {action} post {id}: it is {state}; {hint}</source>
        <translation>无法{action}帖子 {id}：它的状态为{state}；{hint}</translation>
    </message>
    <message>
        <location filename="../../review/texts/desk.py" line="144"/>
        <source>open it for review first</source>
        <translation>请先打开审校</translation>
    </message>
    <message>
        <location filename="../../review/texts/desk.py" line="146"/>
        <source>decide it first</source>
        <translation>请先作出决定</translation>
    </message>
    <message>
        <location filename="../../review/texts/desk.py" line="148"/>
        <source>reopen it first (with a reason)</source>
        <translation>请先重新打开它（并说明原因）</translation>
    </message>
    <message>
        <location filename="../../review/texts/desk.py" line="150"/>
        <source>a coordinator must sign it off, or reopen it</source>
        <translation>须由协调员签核，或重新打开它</translation>
    </message>
    <message>
        <location filename="../../review/texts/desk.py" line="152"/>
        <source>exported posts cannot be changed</source>
        <translation>已导出的帖子不能更改</translation>
    </message>
    <message>
        <location filename="../../review/texts/desk.py" line="154"/>
        <source>a coordinator must first keep one of its versions (review-desk conflicts)</source>
        <translation>须先由协调员保留其中一个版本（review-desk conflicts）</translation>
    </message>
    <message>
        <location filename="../../review/texts/desk.py" line="156"/>
        <source>only a coordinator can sign off post {id}; {name} acts as {role}</source>
        <translation>只有协调员可以签核帖子 {id}；{name} 的角色是{role}</translation>
    </message>
    <message>
        <location filename="../../review/texts/desk.py" line="159"/>
        <source>only a coordinator can assign posts; {name} acts as {role}</source>
        <translation>只有协调员可以分派帖子；{name} 的角色是{role}</translation>
    </message>
    <message>
        <location filename="../../review/texts/desk.py" line="162"/>
        <source>only a coordinator can resolve conflicts; {name} acts as {role}</source>
        <translation>只有协调员可以处理冲突；{name} 的角色是{role}</translation>
    </message>
    <message>
        <location filename="../../review/texts/desk.py" line="165"/>
        <source>batch {batch} does not require sign-off</source>
        <translation>批次 {batch} 不需要签核</translation>
    </message>
    <message>
        <location filename="../../review/texts/desk.py" line="168"/>
        <source>post {id} is approved and needs no sign-off: HQ&apos;s draft was approved as it is, and only an approved rewrite waits for one</source>
        <translation>帖子 {id} 已批准，无需签核：总部的草稿是原样批准的，只有已批准的改写才需要签核</translation>
    </message>
    <message>
        <location filename="../../review/texts/desk.py" line="172"/>
        <source>post {id} is approved; {name} signed it off already</source>
        <translation>帖子 {id} 已批准；{name} 已经签核过</translation>
    </message>
    <message>
        <location filename="../../review/texts/desk.py" line="175"/>
        <source>sign-off needs a second person: {name} wrote or approved this rewrite of post {id}</source>
        <translation>签核需要另一个人：{name} 撰写或批准了帖子 {id} 的这次改写</translation>
    </message>
    <message>
        <location filename="../../review/texts/desk.py" line="178"/>
        <source>{refusals}
nothing was decided ({count} refused)</source>
        <translation>{refusals}
没有作出任何决定（{count} 个被拒绝）</translation>
    </message>
    <message>
        <location filename="../../review/texts/desk.py" line="182"/>
        <source>{where}&apos;{value}&apos; is not a {what}; accepted: {accepted}</source>
        <translation>{where}“{value}”不是有效的 {what}；可用：{accepted}</translation>
    </message>
    <message>
        <location filename="../../review/texts/desk.py" line="185"/>
        <source>{where}&apos;{value}&apos; is not a {what}; accepted: {accepted}; did you mean {close}?</source>
        <translation>{where}“{value}”不是有效的 {what}；可用：{accepted}；您是不是要用 {close}？</translation>
    </message>
    <message>
        <location filename="../../review/texts/desk.py" line="188"/>
        <source>&apos;{value}&apos; is not a command; did you mean `decide POST_ID {close}`? Commands: {accepted}</source>
        <translation>“{value}”不是命令；您是不是要用 `decide POST_ID {close}`？命令：{accepted}</translation>
    </message>
    <message>
        <location filename="../../review/texts/desk.py" line="191"/>
        <source>&apos;{text}&apos; is not a window size; give WIDTHxHEIGHT, from 320x240 to 8000x8000, e.g. 1024x700</source>
        <translation>“{text}”不是窗口尺寸；请给出 宽x高，从 320x240 到 8000x8000，例如 1024x700</translation>
    </message>
    <message>
        <location filename="../../review/texts/desk.py" line="195"/>
        <source>&apos;{value}&apos; is not a whole number</source>
        <translation>“{value}”不是整数</translation>
    </message>
    <message>
        <location filename="../../review/texts/desk.py" line="198"/>
        <source>{where}{missing} are required; see {help}</source>
        <translation>{where}缺少 {missing}；请看 {help}</translation>
    </message>
    <message>
        <location filename="../../review/texts/desk.py" line="201"/>
        <source>{where}{missing} is required; see {help}</source>
        <translation>{where}缺少 {missing}；请看 {help}</translation>
    </message>
    <message>
        <location filename="../../review/texts/desk.py" line="204"/>
        <source>{where}{value} is not an option here; see {help}</source>
        <translation>{where}{value} 不是这里的选项；请看 {help}</translation>
    </message>
    <message>
        <location filename="../../review/texts/desk.py" line="207"/>
        <source>{where}{value} is not an option here; did you mean {close}?</source>
        <translation>{where}{value} 不是这里的选项；您是不是要用 {close}？</translation>
    </message>
    <message>
        <location filename="../../review/texts/desk.py" line="210"/>
        <source>{where}&apos;{value}&apos; was not expected here; see {help}</source>
        <translation>{where}这里不应有“{value}”；请看 {help}</translation>
    </message>
    <message>
        <location filename="../../review/texts/desk.py" line="213"/>
        <source>{where}{problem}; see {help}</source>
        <translation>{where}{problem}；请看 {help}</translation>
    </message>
    <message>
        <location filename="../../review/texts/desk.py" line="216"/>
        <source>assign: name the posts (assign POST_ID... --to REVIEWER), or share a batch out (assign --batch NAME --split A,B)</source>
        <translation>assign：请指定帖子（assign POST_ID... --to REVIEWER），或分配整个批次（assign --batch NAME --split A,B）</translation>
    </message>
    <message>
        <location filename="../../review/texts/desk.py" line="220"/>
        <source>assign --split shares a whole batch: give --batch NAME and no post ids</source>
        <translation>assign --split 分配整个批次：请给出 --batch NAME，不要给帖子 ID</translation>
    </message>
    <message>
        <location filename="../../review/texts/desk.py" line="223"/>
        <source>{path} is not a Review Desk database (not a SQLite database at all); it was not changed. Check the path given with --db</source>
        <translation>{path} 不是 Review Desk 数据库（根本不是 SQLite 数据库）；它没有被改动。请检查 --db 给出的路径</translation>
    </message>
    <message>
        <location filename="../../review/texts/desk.py" line="227"/>
        <source>{path} is not a Review Desk database (another program&apos;s SQLite database, with the tables {tables}); it was not changed. Check the path given with --db</source>
        <translation>{path} 不是 Review Desk 数据库（是其他程序的 SQLite 数据库，含有表 {tables}）；它没有被改动。请检查 --db 给出的路径</translation>
    </message>
    <message>
        <location filename="../../review/texts/desk.py" line="231"/>
        <source>--db {path}: the folder {folder} does not exist; nothing was created. Check the path, or make the folder first</source>
        <translation>--db {path}：文件夹 {folder} 不存在；没有创建任何东西。请检查路径，或先创建该文件夹</translation>
    </message>
    <message>
        <location filename="../../review/texts/desk.py" line="235"/>
        <source>--split needs two or more reviewers&apos; names separated by commas (given: {given}); to give posts to one reviewer use --to</source>
        <translation>--split 需要两个或更多用逗号分隔的审阅人姓名（给出的是：{given}）；要把帖子交给一位审阅人，请用 --to</translation>
    </message>
    <message>
        <location filename="../../review/texts/desk.py" line="239"/>
        <source>a batch is shared between reviewers by a coordinator; {actor} acts as reviewer</source>
        <translation>批次由协调人在审阅人之间分配；{actor} 以审阅人身份操作</translation>
    </message>
    <message>
        <location filename="../../review/texts/desk.py" line="242"/>
        <source>{refusals}
nothing was assigned ({count} refused)</source>
        <translation>{refusals}
没有分派任何帖子（{count} 个被拒绝）</translation>
    </message>
    <message>
        <location filename="../../review/texts/desk.py" line="245"/>
        <source>post {id} is in conflict: a coordinator must first keep one of its versions (review-desk conflicts)</source>
        <translation>帖子 {id} 处于冲突中：须先由协调员保留其中一个版本（review-desk conflicts）</translation>
    </message>
    <message>
        <location filename="../../review/texts/desk.py" line="249"/>
        <source>cannot redo: {why}</source>
        <translation>无法重做：{why}</translation>
    </message>
    <message>
        <location filename="../../review/texts/desk.py" line="252"/>
        <source>event {event} is not an undo of this post</source>
        <translation>事件 {event} 不是对这个帖子的撤销</translation>
    </message>
    <message>
        <location filename="../../review/texts/desk.py" line="255"/>
        <source>that undo was already redone</source>
        <translation>该撤销已经重做过了</translation>
    </message>
    <message>
        <location filename="../../review/texts/desk.py" line="258"/>
        <source>the post has changed since that undo, so it can no longer be redone</source>
        <translation>帖子在那次撤销之后又有更改，因此已无法重做</translation>
    </message>
    <message>
        <location filename="../../review/texts/desk.py" line="262"/>
        <source>post {id} is not in conflict</source>
        <translation>帖子 {id} 不处于冲突中</translation>
    </message>
    <message>
        <location filename="../../review/texts/desk.py" line="265"/>
        <source>post {id} is not in conflict (it is {state}); there is nothing to resolve</source>
        <translation>帖子 {id} 不处于冲突中（状态为{state}）；没有需要处理的冲突</translation>
    </message>
    <message>
        <location filename="../../review/texts/desk.py" line="268"/>
        <source>the other version of post {id} was exported already; only that version can be kept</source>
        <translation>帖子 {id} 的另一个版本已经导出；只能保留那个版本</translation>
    </message>
    <message>
        <location filename="../../review/texts/desk.py" line="271"/>
        <source>{keep!r} is not an event of one side of post {id}&apos;s conflict; keep one of: {sides}</source>
        <translation>{keep!r} 不是帖子 {id} 冲突中任何一方的事件；请保留以下之一：{sides}</translation>
    </message>
    <message>
        <location filename="../../review/texts/desk.py" line="274"/>
        <source>--keep {keep!r} has {count} characters; give at least the first {least} characters of an event id, one of: {sides}</source>
        <translation>--keep {keep!r} 只有 {count} 个字符；请至少给出事件编号的前 {least} 个字符，可选：{sides}</translation>
    </message>
    <message>
        <location filename="../../review/texts/desk.py" line="278"/>
        <source>--keep {keep!r} has 1 character; give at least the first {least} characters of an event id, one of: {sides}</source>
        <translation>--keep {keep!r} 只有 1 个字符；请至少给出事件编号的前 {least} 个字符，可选：{sides}</translation>
    </message>
    <message>
        <location filename="../../review/texts/desk.py" line="282"/>
        <source>{tip} ({actor}&apos;s side, {state})</source>
        <translation>{tip}（{actor} 一方，{state}）</translation>
    </message>
    <message>
        <location filename="../../review/texts/exports.py" line="15"/>
        <source>post {post} holds inline codes of another format ({found}), which XLIFF {version} cannot hold: export the batch in the format it was imported from</source>
        <translation>帖子 {post} 含有其他格式的内嵌代码（{found}），XLIFF {version} 无法容纳：请以导入时的格式导出该批次</translation>
    </message>
    <message>
        <location filename="../../review/texts/exports.py" line="24"/>
        <source>post {post}: the inline codes of its approved text do not nest ({code} is closed without being opened, or opened and never closed), so its file cannot be written back: reopen the post and put the code back where the source has it</source>
        <translation>帖子 {post}：已批准文本中的内嵌代码没有正确嵌套（{code} 未开启就关闭，或开启后未关闭），因此无法写回文件：请重新打开该帖子，把代码放回原文中的位置</translation>
    </message>
    <message>
        <location filename="../../review/texts/exports.py" line="74"/>
        <source>unknown export format {format!r}; use one of: {formats}</source>
        <translation>未知的导出格式 {format!r}；请使用以下之一：{formats}</translation>
    </message>
    <message>
        <location filename="../../review/texts/exports.py" line="77"/>
        <source>none of the {count} approved posts can go into {label} ({reasons}); nothing was exported</source>
        <translation>{count} 个已批准帖子都不能放入 {label}（{reasons}）；没有导出任何内容</translation>
    </message>
    <message>
        <location filename="../../review/texts/exports.py" line="81"/>
        <source>the 1 approved post cannot go into {label} ({reasons}); nothing was exported</source>
        <translation>这 1 个已批准帖子不能放入 {label}（{reasons}）；没有导出任何内容</translation>
    </message>
    <message>
        <location filename="../../review/texts/exports.py" line="84"/>
        <source>{count} with {reason}</source>
        <translation>{count} 条{reason}</translation>
    </message>
    <message>
        <location filename="../../review/texts/exports.py" line="87"/>
        <source>no scheduled time</source>
        <translation>没有排期时间</translation>
    </message>
    <message>
        <location filename="../../review/texts/exports.py" line="89"/>
        <source>a scheduled time outside 1970-2200</source>
        <translation>排期时间不在 1970-2200 年之间</translation>
    </message>
    <message>
        <location filename="../../review/texts/exports.py" line="91"/>
        <source>YouTube needs a video upload</source>
        <translation>YouTube 需要上传视频</translation>
    </message>
    <message>
        <location filename="../../review/texts/exports.py" line="93"/>
        <source>text or link starting with &apos;=&apos; (a spreadsheet would run it as a formula)</source>
        <translation>文本或链接以“=”开头（电子表格会把它当作公式运行）</translation>
    </message>
    <message>
        <location filename="../../review/texts/exports.py" line="95"/>
        <source>{tool} takes at most {limit} posts per file and {count} would go out; export one platform at a time (--platform)</source>
        <translation>{tool} 每个文件最多接受 {limit} 个帖子，而要导出的有 {count} 个；请每次导出一个平台（--platform）</translation>
    </message>
    <message>
        <location filename="../../review/texts/exports.py" line="99"/>
        <source>{tool} schedules one social profile per file and the posts are for {platforms}; export one platform at a time (--platform)</source>
        <translation>{tool} 每个文件只排期一个社交账号，而这些帖子属于 {platforms}；请每次导出一个平台（--platform）</translation>
    </message>
    <message>
        <source>XLIFF 2.0 holds one language pair per file and the posts have {count} ({pairs}); export as XLIFF 1.2, which holds several</source>
        <translation type="vanished">XLIFF 2.0 每个文件只能有一个语言对，而这些帖子有 {count} 个（{pairs}）；请导出为可容纳多个语言对的 XLIFF 1.2</translation>
    </message>
    <message>
        <location filename="../../review/texts/exports.py" line="7"/>
        <source>{path}: no such file; give the path of the exported file to check</source>
        <translation>{path}：没有这个文件；请给出要检查的导出文件的路径</translation>
    </message>
    <message>
        <location filename="../../review/texts/exports.py" line="10"/>
        <source>--format is needed: the output&apos;s extension ({suffix}) does not say the format; extensions that do: {extensions}; formats: {formats}</source>
        <translation>需要 --format：输出文件的扩展名（{suffix}）看不出格式；能看出格式的扩展名：{extensions}；格式：{formats}</translation>
    </message>
    <message>
        <location filename="../../review/texts/exports.py" line="19"/>
        <source>the &lt;file&gt; id=&quot;{file}&quot; the batch&apos;s XLIFF import kept is no longer an XLIFF 2.0 &lt;file&gt; (the database was changed outside Review Desk): import HQ&apos;s file again, or export the batch as XLIFF 1.2</source>
        <translation>该批次的 XLIFF 导入所保留的 &lt;file&gt; id=&quot;{file}&quot; 已不再是 XLIFF 2.0 &lt;file&gt;（数据库在 Review Desk 之外被修改）：请重新导入总部的文件，或将该批次导出为 XLIFF 1.2</translation>
    </message>
    <message>
        <location filename="../../review/texts/exports.py" line="42"/>
        <source>batch {batch} has no approved posts into {lang} to export; its approved posts are into {langs}</source>
        <translation>批次 {batch} 没有译入 {lang} 的已批准帖子可导出；其已批准帖子的目标语言为 {langs}</translation>
    </message>
    <message>
        <location filename="../../review/texts/exports.py" line="103"/>
        <source>XLIFF 2.0 holds one language pair per file and the posts have {count} ({pairs}); export one target language at a time (--target-lang LANG), or as XLIFF 1.2, which holds several</source>
        <translation>XLIFF 2.0 每个文件只能包含一个语言对，而这些帖子有 {count} 个（{pairs}）；请每次导出一种目标语言（--target-lang LANG），或导出为可包含多个语言对的 XLIFF 1.2</translation>
    </message>
    <message>
        <location filename="../../review/texts/exports.py" line="108"/>
        <source>the export was recorded, but the file could not be put at {path} ({detail}); it is at {staged}</source>
        <translation>导出已记录，但文件无法放到 {path}（{detail}）；它在 {staged}</translation>
    </message>
    <message>
        <location filename="../../review/texts/exports.py" line="112"/>
        <source>post {post}: {column} {problem}</source>
        <translation>帖子 {post}：{column} {problem}</translation>
    </message>
    <message>
        <location filename="../../review/texts/exports.py" line="115"/>
        <source>holds a damaged character (a lone surrogate); rewrite the text, then export</source>
        <translation>含有一个损坏的字符（孤立代理项）；请改写文本后再导出</translation>
    </message>
    <message>
        <location filename="../../review/texts/exports.py" line="118"/>
        <source>holds a control character that XLSX cannot store; remove it or export as CSV</source>
        <translation>含有 XLSX 无法保存的控制字符；请删除它或导出为 CSV</translation>
    </message>
    <message>
        <location filename="../../review/texts/exports.py" line="121"/>
        <source>is {length:,} characters long; an Excel cell holds at most {limit:,}: export as CSV or JSON</source>
        <translation>长 {length:,} 个字符；Excel 单元格最多容纳 {limit:,} 个：请导出为 CSV 或 JSON</translation>
    </message>
    <message>
        <location filename="../../review/texts/exports.py" line="125"/>
        <source>holds a damaged character (a lone surrogate); correct the text, then export</source>
        <translation>含有一个损坏的字符（孤立代理项）；请更正文本后再导出</translation>
    </message>
    <message>
        <location filename="../../review/texts/exports.py" line="128"/>
        <source>holds the control character U+{code:04X}, which XML cannot store; remove it</source>
        <translation>含有 XML 无法保存的控制字符 U+{code:04X}；请删除它</translation>
    </message>
    <message>
        <location filename="../../review/texts/exports.py" line="131"/>
        <source>cannot write the glossary {file}: {why}</source>
        <translation>无法写入术语表 {file}：{why}</translation>
    </message>
    <message>
        <location filename="../../review/texts/exports.py" line="134"/>
        <source>glossary language: {why}</source>
        <translation>术语表语言：{why}</translation>
    </message>
    <message>
        <location filename="../../review/texts/exports.py" line="137"/>
        <source>glossary entry {number} ({term}): unknown status {status!r}; use one of {statuses}</source>
        <translation>第 {number} 个术语条目（{term}）：未知状态 {status!r}；请使用以下之一：{statuses}</translation>
    </message>
    <message>
        <location filename="../../review/texts/exports.py" line="140"/>
        <source>glossary entry {number}: the term or its rendering is empty</source>
        <translation>第 {number} 个术语条目：术语或其译法为空</translation>
    </message>
    <message>
        <location filename="../../review/texts/exports.py" line="143"/>
        <source>glossary entry {number} ({term}): {field} {problem}</source>
        <translation>第 {number} 个术语条目（{term}）：{field} {problem}</translation>
    </message>
    <message>
        <location filename="../../review/texts/exports.py" line="146"/>
        <source>memory unit {number}: {why}</source>
        <translation>第 {number} 个记忆单元：{why}</translation>
    </message>
    <message>
        <location filename="../../review/texts/exports.py" line="149"/>
        <source>memory unit {number}: the {side} text is empty</source>
        <translation>第 {number} 个记忆单元：{side}文本为空</translation>
    </message>
    <message>
        <location filename="../../review/texts/exports.py" line="152"/>
        <source>memory unit {number}: the {side} text {problem}</source>
        <translation>第 {number} 个记忆单元：{side}文本{problem}</translation>
    </message>
    <message>
        <location filename="../../review/texts/exports.py" line="156"/>
        <source>written into HQ&apos;s file {file} as it was imported (its other units, groups, notes and settings as they came)</source>
        <translation>已写入总部的文件 {file}（与导入时相同，其他单元、组、备注和设置保持原样）</translation>
    </message>
    <message>
        <location filename="../../review/texts/exports.py" line="160"/>
        <source>written as a new XLIFF document: no XLIFF file of HQ&apos;s that holds these posts is kept on this desk in this XLIFF version</source>
        <translation>已写成新的 XLIFF 文档：本工作台没有保存含有这些帖子的、此 XLIFF 版本的总部文件</translation>
    </message>
    <message>
        <location filename="../../review/texts/exports.py" line="164"/>
        <source>the {count} approved posts of batch {batch} came from more than one file ({files}), and an XLIFF export writes one of HQ&apos;s files back whole: export one file&apos;s posts at a time with --from-file FILE (in the window: HQ&apos;s file) (the others stay approved)</source>
        <translation>批次 {batch} 的 {count} 个已批准帖子来自多个文件（{files}），而一次 XLIFF 导出只完整写回总部的一个文件：请每次导出一个文件的帖子，使用 --from-file 文件名（在窗口中：选择“总部的文件”）（其余帖子保持已批准）</translation>
    </message>
    <message>
        <location filename="../../review/texts/exports.py" line="169"/>
        <source>{count} posts from {file}</source>
        <translation>{count} 个帖子来自 {file}</translation>
    </message>
    <message>
        <location filename="../../review/texts/exports.py" line="172"/>
        <source>1 post from {file}</source>
        <translation>1 个帖子来自 {file}</translation>
    </message>
    <message>
        <location filename="../../review/texts/exports.py" line="175"/>
        <source>{count} posts from no kept XLIFF file (a CSV, XLSX or JSON import)</source>
        <translation>{count} 个帖子不来自任何已保存的 XLIFF 文件（来自 CSV、XLSX 或 JSON 导入）</translation>
    </message>
    <message>
        <location filename="../../review/texts/exports.py" line="178"/>
        <source>1 post from no kept XLIFF file (a CSV, XLSX or JSON import)</source>
        <translation>1 个帖子不来自任何已保存的 XLIFF 文件（来自 CSV、XLSX 或 JSON 导入）</translation>
    </message>
    <message>
        <location filename="../../review/texts/exports.py" line="181"/>
        <source>none of the approved posts of batch {batch} came from a file named {file} kept on this desk in this XLIFF version; its XLIFF files: {files}</source>
        <translation>批次 {batch} 的已批准帖子都不来自本工作台保存的、此 XLIFF 版本的文件 {file}；该批次的 XLIFF 文件：{files}</translation>
    </message>
    <message>
        <location filename="../../review/texts/exports.py" line="185"/>
        <source>the copy of {file} this desk kept for XLIFF exports does not unpack (it was changed outside Review Desk): import HQ&apos;s file {file} again to keep a fresh copy, then export</source>
        <translation>本工作台为 XLIFF 导出保存的 {file} 副本无法解压（它在 Review Desk 之外被改动过）：请重新导入总部的文件 {file} 以保存新副本，然后再导出</translation>
    </message>
    <message>
        <location filename="../../review/texts/exports.py" line="189"/>
        <source>the copy of {file} this desk kept for XLIFF exports is not the file that was imported (its SHA-256 differs from the import&apos;s record): import HQ&apos;s file {file} again to keep a fresh copy, then export</source>
        <translation>本工作台为 XLIFF 导出保存的 {file} 副本不是当初导入的文件（其 SHA-256 与导入记录不符）：请重新导入总部的文件 {file} 以保存新副本，然后再导出</translation>
    </message>
    <message>
        <location filename="../../review/texts/exports.py" line="194"/>
        <source>the copy of {file} this desk kept for XLIFF exports is no longer XLIFF ({problem}): import HQ&apos;s file {file} again to keep a fresh copy, then export</source>
        <translation>本工作台为 XLIFF 导出保存的 {file} 副本已不再是 XLIFF（{problem}）：请重新导入总部的文件 {file} 以保存新副本，然后再导出</translation>
    </message>
    <message>
        <location filename="../../review/texts/exports.py" line="198"/>
        <source>another of HQ&apos;s files</source>
        <translation>总部的另一个文件</translation>
    </message>
    <message>
        <location filename="../../review/texts/exports.py" line="200"/>
        <source>--from-file {file}: only an XLIFF export writes one of HQ&apos;s files back; leave it out for this format</source>
        <translation>--from-file {file}：只有 XLIFF 导出会写回总部的文件；此格式请不要使用该选项</translation>
    </message>
    <message>
        <location filename="../../review/texts/files.py" line="273"/>
        <source>the workbook cannot be read ({detail}); it is damaged or not an XLSX file: open it in a spreadsheet and save it again as an Excel Workbook (.xlsx)</source>
        <translation>无法读取该工作簿（{detail}）；它已损坏或不是 XLSX 文件：请在电子表格软件中打开，重新另存为 Excel 工作簿（.xlsx）</translation>
    </message>
    <message>
        <location filename="../../review/texts/files.py" line="277"/>
        <source>the workbook has no worksheet (it may be damaged); put the posts on the first worksheet and save it as an Excel Workbook (.xlsx)</source>
        <translation>该工作簿没有工作表（可能已损坏）；请把帖子放在第一个工作表上，另存为 Excel 工作簿（.xlsx）</translation>
    </message>
    <message>
        <location filename="../../review/texts/files.py" line="281"/>
        <source>the worksheet has rows past Excel&apos;s last row {limit:,}</source>
        <translation>该工作表有超出 Excel 最后一行（第 {limit:,} 行）的行</translation>
    </message>
    <message>
        <location filename="../../review/texts/files.py" line="285"/>
        <source>{path}: {detail}: see glossaries/languages/README.md</source>
        <translation>{path}：{detail}：请参阅 glossaries/languages/README.md</translation>
    </message>
    <message>
        <location filename="../../review/texts/files.py" line="288"/>
        <source>{path}: cannot be read ({detail}); fix or remove the file</source>
        <translation>{path}：无法读取（{detail}）；请修复或删除该文件</translation>
    </message>
    <message>
        <location filename="../../review/texts/files.py" line="291"/>
        <source>{path}: must hold a JSON object (see glossaries/languages/README.md)</source>
        <translation>{path}：必须是一个 JSON 对象（请参阅 glossaries/languages/README.md）</translation>
    </message>
    <message>
        <source>{count} unit(s) do not say their platform (XLIFF has no place for it); choose the platform when importing (--platform x|facebook|youtube|linkedin|other)</source>
        <translation type="vanished">{count} 个单元没有说明其平台（XLIFF 没有存放平台的位置）；请在导入时选择平台（--platform x|facebook|youtube|linkedin|other）</translation>
    </message>
    <message>
        <location filename="../../review/texts/batches.py" line="15"/>
        <source>the file does not say the target language of {count} units; choose it when importing (--target-lang)</source>
        <translation>文件没有说明 {count} 个单元的目标语言；请在导入时选择（--target-lang）</translation>
    </message>
    <message>
        <location filename="../../review/texts/batches.py" line="19"/>
        <source>the file does not say the target language of 1 unit; choose it when importing (--target-lang)</source>
        <translation>文件没有说明 1 个单元的目标语言；请在导入时选择（--target-lang）</translation>
    </message>
    <message>
        <location filename="../../review/texts/batches.py" line="23"/>
        <source>the file gives &apos;{value}&apos; as the target language of {count} units, which is not a language code (such as en, zh-CN, pt-BR); choose the language when importing (--target-lang)</source>
        <translation>文件将 &apos;{value}&apos; 作为 {count} 个单元的目标语言，但这不是语言代码（例如 en、zh-CN、pt-BR）；请在导入时选择语言（--target-lang）</translation>
    </message>
    <message>
        <location filename="../../review/texts/batches.py" line="28"/>
        <source>the file gives &apos;{value}&apos; as the target language of 1 unit, which is not a language code (such as en, zh-CN, pt-BR); choose the language when importing (--target-lang)</source>
        <translation>文件将 &apos;{value}&apos; 作为 1 个单元的目标语言，但这不是语言代码（例如 en、zh-CN、pt-BR）；请在导入时选择语言（--target-lang）</translation>
    </message>
    <message>
        <location filename="../../review/texts/batches.py" line="32"/>
        <source>the file gives &apos;{value}&apos; as the source language of {count} units, which is not a language code (such as en, zh-CN, pt-BR); correct the file&apos;s source language (source-language, or srcLang in XLIFF 2.0)</source>
        <translation>文件将 &apos;{value}&apos; 作为 {count} 个单元的源语言，但这不是语言代码（例如 en、zh-CN、pt-BR）；请更正文件的源语言（source-language，XLIFF 2.0 中为 srcLang）</translation>
    </message>
    <message>
        <location filename="../../review/texts/batches.py" line="37"/>
        <source>the file gives &apos;{value}&apos; as the source language of 1 unit, which is not a language code (such as en, zh-CN, pt-BR); correct the file&apos;s source language (source-language, or srcLang in XLIFF 2.0)</source>
        <translation>文件将 &apos;{value}&apos; 作为 1 个单元的源语言，但这不是语言代码（例如 en、zh-CN、pt-BR）；请更正文件的源语言（source-language，XLIFF 2.0 中为 srcLang）</translation>
    </message>
    <message>
        <location filename="../../review/texts/batches.py" line="42"/>
        <source>the unit holds more than {limit:,} inline codes, more than Review Desk can keep; split it into several units in the CAT tool</source>
        <translation>该单元含有超过 {limit:,} 个内嵌代码，超出 Review Desk 能保存的数量；请在 CAT 工具中把它拆成几个单元</translation>
    </message>
    <message>
        <location filename="../../review/texts/batches.py" line="46"/>
        <source>an inline code of the unit is {length:,} characters long, more than the {limit:,} Review Desk keeps for one code; shorten it in the CAT tool</source>
        <translation>该单元的一个内嵌代码长 {length:,} 个字符，超过 Review Desk 为单个代码保存的 {limit:,} 个；请在 CAT 工具中缩短它</translation>
    </message>
    <message>
        <location filename="../../review/texts/batches.py" line="50"/>
        <source>the document holds {count:,} &lt;file&gt; elements, more than the {limit:,} Review Desk keeps to write back; split it into several documents in the CAT tool</source>
        <translation>该文档包含 {count:,} 个 &lt;file&gt; 元素，超过 Review Desk 为写回而保留的上限 {limit:,} 个；请在 CAT 工具中将其拆分为多个文档</translation>
    </message>
    <message>
        <location filename="../../review/texts/batches.py" line="54"/>
        <source>the &lt;file&gt; id=&quot;{file}&quot; holds {length:,} characters besides its units (skeleton, metadata, notes), more than the {limit:,} Review Desk keeps to write it back; export it from the CAT tool with an external skeleton</source>
        <translation>&lt;file&gt; id=&quot;{file}&quot; 除单元外还包含 {length:,} 个字符（骨架、元数据、备注），超过 Review Desk 为写回而保留的上限 {limit:,} 个；请在 CAT 工具中以外部骨架导出</translation>
    </message>
    <message>
        <location filename="../../review/texts/batches.py" line="59"/>
        <source>the document&apos;s &lt;file&gt; elements hold {length:,} characters besides their units (skeletons, metadata, notes), more than the {limit:,} Review Desk keeps to write them back; export it from the CAT tool with external skeletons, or in several documents</source>
        <translation>该文档的 &lt;file&gt; 元素除单元外共包含 {length:,} 个字符（骨架、元数据、备注），超过 Review Desk 为写回而保留的上限 {limit:,} 个；请在 CAT 工具中以外部骨架导出，或拆分为多个文档</translation>
    </message>
    <message>
        <location filename="../../review/texts/batches.py" line="64"/>
        <source>the file holds no unit to review ({skipped}); nothing to import</source>
        <translation>文件中没有需要审校的单元（{skipped}）；没有可导入的内容</translation>
    </message>
    <message>
        <location filename="../../review/texts/batches.py" line="67"/>
        <source>{count} units marked translate=&quot;no&quot;</source>
        <translation>{count} 个标为 translate=&quot;no&quot; 的单元</translation>
    </message>
    <message>
        <location filename="../../review/texts/batches.py" line="70"/>
        <source>1 unit marked translate=&quot;no&quot;</source>
        <translation>1 个标为 translate=&quot;no&quot; 的单元</translation>
    </message>
    <message>
        <location filename="../../review/texts/batches.py" line="73"/>
        <source>{count} units without text</source>
        <translation>{count} 个没有文字的单元</translation>
    </message>
    <message>
        <location filename="../../review/texts/batches.py" line="76"/>
        <source>1 unit without text</source>
        <translation>1 个没有文字的单元</translation>
    </message>
    <message>
        <location filename="../../review/texts/batches.py" line="79"/>
        <source>{count} units carry more than {limit} notes of other tools (their own with those of their &lt;group&gt;s and &lt;file&gt;), more than a work package carries for one post; ask HQ for the file with fewer notes</source>
        <translation>{count} 个单元带有超过 {limit} 条其他工具的注释（单元自身的注释加上其 &lt;group&gt; 和 &lt;file&gt; 的注释），超过工作包为一条帖子所能携带的数量；请向总部索取注释更少的文件</translation>
    </message>
    <message>
        <location filename="../../review/texts/batches.py" line="84"/>
        <source>1 unit carries more than {limit} notes of other tools (its own with those of its &lt;group&gt;s and &lt;file&gt;), more than a work package carries for one post; ask HQ for the file with fewer notes</source>
        <translation>1 个单元带有超过 {limit} 条其他工具的注释（单元自身的注释加上其 &lt;group&gt; 和 &lt;file&gt; 的注释），超过工作包为一条帖子所能携带的数量；请向总部索取注释更少的文件</translation>
    </message>
    <message>
        <location filename="../../review/texts/batches.py" line="89"/>
        <source>{count} units carry a note of another tool longer than {limit:,} characters, more than a work package carries; ask HQ for the file with shorter notes</source>
        <translation>{count} 个单元带有一条长于 {limit:,} 个字符的其他工具注释，超过工作包所能携带的长度；请向总部索取注释更短的文件</translation>
    </message>
    <message>
        <location filename="../../review/texts/batches.py" line="93"/>
        <source>1 unit carries a note of another tool longer than {limit:,} characters, more than a work package carries; ask HQ for the file with shorter notes</source>
        <translation>1 个单元带有一条长于 {limit:,} 个字符的其他工具注释，超过工作包所能携带的长度；请向总部索取注释更短的文件</translation>
    </message>
    <message>
        <location filename="../../review/texts/batches.py" line="97"/>
        <source>the notes of other tools that the units carry (each unit its own with those of its &lt;group&gt;s and &lt;file&gt;) would take more than the {limit:,} MB Review Desk allows for reading this file; ask HQ for the file with fewer or shorter notes on its &lt;file&gt; and &lt;group&gt;s, or split it</source>
        <translation>各单元带有的其他工具注释（每个单元自身的注释加上其 &lt;group&gt; 和 &lt;file&gt; 的注释）将占用超过 Review Desk 读取此文件所允许的 {limit:,} MB；请向总部索取 &lt;file&gt; 和 &lt;group&gt; 上注释更少或更短的文件，或将其拆分</translation>
    </message>
    <message>
        <location filename="../../review/texts/batches.py" line="112"/>
        <source>the key {key!r} appears twice in one object; keep one</source>
        <translation>键 {key!r} 在同一个对象中出现了两次；请只保留一个</translation>
    </message>
    <message>
        <location filename="../../review/texts/batches.py" line="115"/>
        <source>the number {text} is too large; write it as a string</source>
        <translation>数字 {text} 太大；请把它写成字符串</translation>
    </message>
    <message>
        <location filename="../../review/texts/batches.py" line="118"/>
        <source>a number with {digits:,} digits; write it as a string</source>
        <translation>一个有 {digits:,} 位的数字；请把它写成字符串</translation>
    </message>
    <message>
        <location filename="../../review/texts/batches.py" line="121"/>
        <source>{name} is not valid JSON; write a number, a string or null</source>
        <translation>{name} 不是有效的 JSON；请写数字、字符串或 null</translation>
    </message>
    <message>
        <location filename="../../review/texts/batches.py" line="124"/>
        <source>the file is empty; expected a list of posts: [ {{...}}, {{...}} ]</source>
        <translation>文件为空；应为帖子列表：[ {{...}}, {{...}} ]</translation>
    </message>
    <message>
        <location filename="../../review/texts/batches.py" line="127"/>
        <source>the file holds {found}; expected a list of posts: [ {{...}}, {{...}} ]</source>
        <translation>文件中是{found}；应为帖子列表：[ {{...}}, {{...}} ]</translation>
    </message>
    <message>
        <location filename="../../review/texts/batches.py" line="130"/>
        <source>values nested more than {depth} levels deep; flatten the post</source>
        <translation>值的嵌套超过 {depth} 层；请把帖子展平</translation>
    </message>
    <message>
        <location filename="../../review/texts/batches.py" line="133"/>
        <source>JSON syntax error: {detail} (column {column})</source>
        <translation>JSON 语法错误：{detail}（第 {column} 列）</translation>
    </message>
    <message>
        <location filename="../../review/texts/batches.py" line="136"/>
        <source>JSON syntax error: expected &apos;,&apos; or &apos;]&apos; after the post that starts on line {line}</source>
        <translation>JSON 语法错误：从第 {line} 行开始的帖子之后应为 &apos;,&apos; 或 &apos;]&apos;</translation>
    </message>
    <message>
        <location filename="../../review/texts/batches.py" line="139"/>
        <source>JSON syntax error: text after the closing &apos;]&apos;</source>
        <translation>JSON 语法错误：结尾的 &apos;]&apos; 之后还有文字</translation>
    </message>
    <message>
        <location filename="../../review/texts/batches.py" line="142"/>
        <source>JSON syntax error: text after the object (column {column}); put one post on each line</source>
        <translation>JSON 语法错误：对象之后还有文字（第 {column} 列）；每行只放一个帖子</translation>
    </message>
    <message>
        <location filename="../../review/texts/batches.py" line="145"/>
        <source>post {number} is {found}; each post must be an object {{...}}</source>
        <translation>第 {number} 个帖子是{found}；每个帖子都必须是一个对象 {{...}}</translation>
    </message>
    <message>
        <location filename="../../review/texts/batches.py" line="148"/>
        <source>expected text, found {found}</source>
        <translation>应为文本，实际是{found}</translation>
    </message>
    <message>
        <location filename="../../review/texts/batches.py" line="152"/>
        <source>a single object</source>
        <translation>单个对象</translation>
    </message>
    <message>
        <location filename="../../review/texts/batches.py" line="153"/>
        <source>something other than a list</source>
        <translation>列表以外的内容</translation>
    </message>
    <message>
        <location filename="../../review/texts/batches.py" line="154"/>
        <source>an object</source>
        <translation>一个对象</translation>
    </message>
    <message>
        <location filename="../../review/texts/batches.py" line="155"/>
        <source>a list</source>
        <translation>一个列表</translation>
    </message>
    <message>
        <location filename="../../review/texts/batches.py" line="156"/>
        <source>a string</source>
        <translation>一个字符串</translation>
    </message>
    <message>
        <location filename="../../review/texts/batches.py" line="157"/>
        <source>a number</source>
        <translation>一个数字</translation>
    </message>
    <message>
        <location filename="../../review/texts/batches.py" line="188"/>
        <source>{text!r} is not a valid date and time; accepted forms: {forms}</source>
        <translation>{text!r} 不是有效的日期和时间；可用的格式：{forms}</translation>
    </message>
    <message>
        <location filename="../../review/texts/batches.py" line="191"/>
        <source>{text!r} could be {day_first} (day first) or {month_first} (month first); import again with --day-first or --month-first</source>
        <translation>{text!r} 可能是 {day_first}（日在前）或 {month_first}（月在前）；请加 --day-first 或 --month-first 重新导入</translation>
    </message>
    <message>
        <location filename="../../review/texts/batches.py" line="216"/>
        <source>&apos;{name}&apos; is an absolute path; name the file relative to the batch file&apos;s folder (photos/rig.jpg)</source>
        <translation>“{name}”是绝对路径；请使用相对于批次文件所在文件夹的文件名（如 photos/rig.jpg）</translation>
    </message>
    <message>
        <location filename="../../review/texts/batches.py" line="220"/>
        <source>&apos;{name}&apos; climbs out of the batch file&apos;s folder with &apos;..&apos;; put the file in that folder or under it</source>
        <translation>“{name}”用“..”跳出了批次文件所在的文件夹；请把文件放在该文件夹或其子文件夹中</translation>
    </message>
    <message>
        <location filename="../../review/texts/batches.py" line="224"/>
        <source>&apos;{name}&apos; is not a file name of at most {limit} characters; name the file relative to the batch file&apos;s folder</source>
        <translation>“{name}”不是不超过 {limit} 个字符的文件名；请使用相对于批次文件所在文件夹的文件名</translation>
    </message>
    <message>
        <location filename="../../review/texts/batches.py" line="228"/>
        <source>{count} files for one post; at most {limit}</source>
        <translation>一条帖子有 {count} 个文件；最多 {limit} 个</translation>
    </message>
    <message>
        <location filename="../../review/texts/batches.py" line="230"/>
        <source>&apos;{name}&apos; leads out of the batch file&apos;s folder (through a link); copy the file itself into the folder</source>
        <translation>“{name}”（通过链接）指向批次文件所在文件夹之外；请把文件本身复制到该文件夹中</translation>
    </message>
    <message>
        <location filename="../../review/texts/batches.py" line="234"/>
        <source>&apos;{name}&apos; cannot be read: {reason}</source>
        <translation>无法读取“{name}”：{reason}</translation>
    </message>
    <message>
        <location filename="../../review/texts/batches.py" line="236"/>
        <source>&apos;{name}&apos; is {size:,} bytes; a file may have at most {limit:,}: make it smaller</source>
        <translation>“{name}”有 {size:,} 字节；文件最多 {limit:,} 字节：请把它缩小</translation>
    </message>
    <message>
        <location filename="../../review/texts/batches.py" line="239"/>
        <source>&apos;{name}&apos; is not a PNG, JPEG, WebP or GIF picture nor an MP4 video (its content says so, whatever its name); export it again as one of those</source>
        <translation>“{name}”既不是 PNG、JPEG、WebP 或 GIF 图片，也不是 MP4 视频（由其内容判断，与文件名无关）；请重新导出为其中一种格式</translation>
    </message>
    <message>
        <location filename="../../review/texts/batches.py" line="243"/>
        <source>&apos;{name}&apos; says it is {width:,} x {height:,} pixels; a picture may have at most {side:,} a side and {megapixels} megapixels: make it smaller (nothing was decoded)</source>
        <translation>“{name}”声称有 {width:,} x {height:,} 像素；图片每边最多 {side:,} 像素、总计最多 {megapixels} 百万像素：请把它缩小（未解码任何内容）</translation>
    </message>
    <message>
        <location filename="../../review/texts/batches.py" line="247"/>
        <source>&apos;{name}&apos; says it has more pixels than a picture may have (at most {side:,} a side and {megapixels} megapixels): a decompression bomb or a picture to make smaller (nothing was decoded)</source>
        <translation>“{name}”声称的像素数超出了图片的上限（每边最多 {side:,}、总计最多 {megapixels} 百万像素）：这是解压炸弹，或是需要缩小的图片（未解码任何内容）</translation>
    </message>
    <message>
        <location filename="../../review/texts/batches.py" line="252"/>
        <source>&apos;{name}&apos; is not a {type} picture that can be decoded (truncated or damaged: {detail}); export it again</source>
        <translation>“{name}”不是可以解码的 {type} 图片（被截断或已损坏：{detail}）；请重新导出</translation>
    </message>
    <message>
        <location filename="../../review/texts/batches.py" line="256"/>
        <source>&apos;{name}&apos; changed while it was imported; import the batch again</source>
        <translation>“{name}”在导入过程中被改动；请重新导入该批次</translation>
    </message>
    <message>
        <location filename="../../review/texts/packages.py" line="8"/>
        <source>{count:,} bytes</source>
        <translation>{count:,} 字节</translation>
    </message>
    <message>
        <location filename="../../review/texts/packages.py" line="23"/>
        <source>it unpacks to {size}, more than the {limit} a package may hold; a batch that large must be split into smaller batches</source>
        <translation>解压后为 {size}，超过了工作包允许的 {limit}；这么大的批次必须拆分为较小的批次</translation>
    </message>
    <message>
        <location filename="../../review/texts/packages.py" line="404"/>
        <source>it records another outcome than the rules give ({state})</source>
        <translation>它记录的结果与规则给出的不同（{state}）</translation>
    </message>
    <message>
        <source>{size:,.1f} MB</source>
        <translation type="vanished">{size:,.1f} MB</translation>
    </message>
    <message>
        <location filename="../../review/texts/packages.py" line="9"/>
        <source>cannot read the file: {detail}</source>
        <translation>无法读取文件：{detail}</translation>
    </message>
    <message>
        <location filename="../../review/texts/packages.py" line="12"/>
        <source>the file is {size}, more than any package Review Desk makes ({limit}); it was not opened</source>
        <translation>文件大小为 {size}，超过了 Review Desk 生成的任何工作包（{limit}）；未打开该文件</translation>
    </message>
    <message>
        <location filename="../../review/texts/packages.py" line="16"/>
        <source>not a Review Desk package, or a damaged or truncated one ({detail}); ask the sender for the file again</source>
        <translation>这不是 Review Desk 工作包，或者是已损坏、不完整的工作包（{detail}）；请让发送者重新发送文件</translation>
    </message>
    <message>
        <location filename="../../review/texts/packages.py" line="20"/>
        <source>the package cannot be read ({detail}); ask the sender for the file again</source>
        <translation>无法读取该工作包（{detail}）；请让发送者重新发送文件</translation>
    </message>
    <message>
        <source>it unpacks to {size}, more than the {limit} a package may hold (reading it would take several times that in memory); a batch that large must be split into smaller batches</source>
        <translation type="vanished">解压后为 {size}，超过了工作包允许的 {limit}（读取它需要数倍于此的内存）；这么大的批次必须拆分为较小的批次</translation>
    </message>
    <message>
        <location filename="../../review/texts/packages.py" line="27"/>
        <source>it holds {count} members; a package has at most {limit}</source>
        <translation>包含 {count} 个成员文件；一个工作包最多有 {limit} 个</translation>
    </message>
    <message>
        <location filename="../../review/texts/packages.py" line="30"/>
        <source>member {name!r} {why}; the package was refused (it may have been made to write outside its folder)</source>
        <translation>成员文件 {name!r} {why}；已拒绝该工作包（它可能被制作成会写到所在文件夹之外）</translation>
    </message>
    <message>
        <location filename="../../review/texts/packages.py" line="34"/>
        <source>has an empty or invalid name</source>
        <translation>的名称为空或无效</translation>
    </message>
    <message>
        <location filename="../../review/texts/packages.py" line="35"/>
        <source>has an absolute path</source>
        <translation>使用了绝对路径</translation>
    </message>
    <message>
        <location filename="../../review/texts/packages.py" line="36"/>
        <source>climbs out of the package (&apos;..&apos;)</source>
        <translation>跳出了工作包（&apos;..&apos;）</translation>
    </message>
    <message>
        <location filename="../../review/texts/packages.py" line="37"/>
        <source>is inside a folder; packages hold files at the top level only</source>
        <translation>位于文件夹中；工作包只在顶层存放文件</translation>
    </message>
    <message>
        <location filename="../../review/texts/packages.py" line="40"/>
        <source>member {name!r} is a symbolic link; packages hold plain files only</source>
        <translation>成员文件 {name!r} 是符号链接；工作包只包含普通文件</translation>
    </message>
    <message>
        <location filename="../../review/texts/packages.py" line="43"/>
        <source>member {name!r} is a folder; packages hold plain files only</source>
        <translation>成员文件 {name!r} 是文件夹；工作包只包含普通文件</translation>
    </message>
    <message>
        <location filename="../../review/texts/packages.py" line="46"/>
        <source>member {name!r} is encrypted; Review Desk packages never are</source>
        <translation>成员文件 {name!r} 已加密；Review Desk 的工作包从不加密</translation>
    </message>
    <message>
        <location filename="../../review/texts/packages.py" line="49"/>
        <source>member {name!r} appears twice</source>
        <translation>成员文件 {name!r} 出现了两次</translation>
    </message>
    <message>
        <location filename="../../review/texts/packages.py" line="52"/>
        <source>there is no {manifest}: this is not a Review Desk package</source>
        <translation>没有 {manifest}：这不是 Review Desk 工作包</translation>
    </message>
    <message>
        <location filename="../../review/texts/packages.py" line="55"/>
        <source>it unpacks to {size}, more than the {limit} allowed</source>
        <translation>解压后为 {size}，超过了允许的 {limit}</translation>
    </message>
    <message>
        <location filename="../../review/texts/packages.py" line="58"/>
        <source>it unpacks {ratio} times larger than it is packed, like a zip bomb; the package was refused</source>
        <translation>解压后比压缩时大 {ratio} 倍，像是压缩炸弹；已拒绝该工作包</translation>
    </message>
    <message>
        <location filename="../../review/texts/packages.py" line="62"/>
        <source>its size does not match the zip header: the file is damaged or was tampered with</source>
        <translation>其大小与 zip 头不符：文件已损坏或被篡改</translation>
    </message>
    <message>
        <location filename="../../review/texts/packages.py" line="65"/>
        <source>the manifest is not valid JSON ({detail})</source>
        <translation>清单不是有效的 JSON（{detail}）</translation>
    </message>
    <message>
        <location filename="../../review/texts/packages.py" line="68"/>
        <source>the manifest does not say format {format!r}: this is not a Review Desk package</source>
        <translation>清单没有注明格式 {format!r}：这不是 Review Desk 工作包</translation>
    </message>
    <message>
        <location filename="../../review/texts/packages.py" line="71"/>
        <source>the manifest has no usable version ({version!r})</source>
        <translation>清单中没有可用的版本号（{version!r}）</translation>
    </message>
    <message>
        <location filename="../../review/texts/packages.py" line="74"/>
        <source>the package is format version {version}, made by a newer Review Desk (this one reads version {supported}); update Review Desk to import it</source>
        <translation>该工作包的格式版本为 {version}，由较新的 Review Desk 生成（此版本只能读取版本 {supported}）；请更新 Review Desk 后再导入</translation>
    </message>
    <message>
        <location filename="../../review/texts/packages.py" line="78"/>
        <source>kind must be one of {kinds}, not {kind!r}</source>
        <translation>kind 必须是 {kinds} 之一，而不是 {kind!r}</translation>
    </message>
    <message>
        <location filename="../../review/texts/packages.py" line="81"/>
        <source>{key} is missing or not text</source>
        <translation>{key} 缺失或不是文本</translation>
    </message>
    <message>
        <location filename="../../review/texts/packages.py" line="84"/>
        <source>creator must have a name and a role</source>
        <translation>creator 必须有 name 和 role</translation>
    </message>
    <message>
        <location filename="../../review/texts/packages.py" line="87"/>
        <source>counts are missing</source>
        <translation>缺少 counts</translation>
    </message>
    <message>
        <location filename="../../review/texts/packages.py" line="90"/>
        <source>the list of members is missing</source>
        <translation>缺少成员文件列表</translation>
    </message>
    <message>
        <location filename="../../review/texts/packages.py" line="93"/>
        <source>member name {name!r} is not one a package uses</source>
        <translation>成员文件名 {name!r} 不是工作包使用的名称</translation>
    </message>
    <message>
        <location filename="../../review/texts/packages.py" line="96"/>
        <source>member {name}: needs a sha256 (64 hex digits) and a size</source>
        <translation>成员文件 {name}：需要 sha256（64 个十六进制数字）和 size</translation>
    </message>
    <message>
        <location filename="../../review/texts/packages.py" line="99"/>
        <source>member {name}: {problem}</source>
        <translation>成员文件 {name}：{problem}</translation>
    </message>
    <message>
        <location filename="../../review/texts/packages.py" line="102"/>
        <source>this member is not in the manifest; the package was changed after it was made</source>
        <translation>清单中没有这个成员文件；工作包在生成后被改动过</translation>
    </message>
    <message>
        <location filename="../../review/texts/packages.py" line="105"/>
        <source>the manifest lists this member but the package does not hold it (truncated or changed)</source>
        <translation>清单列出了这个成员文件，但工作包中没有（不完整或被改动过）</translation>
    </message>
    <message>
        <location filename="../../review/texts/packages.py" line="108"/>
        <source>the manifest says {declared:,} bytes, the zip says {actual:,}</source>
        <translation>清单说是 {declared:,} 字节，zip 说是 {actual:,} 字节</translation>
    </message>
    <message>
        <location filename="../../review/texts/packages.py" line="111"/>
        <source>its SHA-256 checksum does not match the manifest: the package was changed or damaged</source>
        <translation>其 SHA-256 校验和与清单不符：工作包被改动过或已损坏</translation>
    </message>
    <message>
        <location filename="../../review/texts/packages.py" line="115"/>
        <source>its posts show pictures it does not bring and this laptop does not hold ({names}); ask for the package again</source>
        <translation>其帖子显示的图片既不在包内、本机也没有（{names}）；请重新索取该工作包</translation>
    </message>
    <message>
        <location filename="../../review/texts/packages.py" line="119"/>
        <source>a picture&apos;s parts are missing or out of order; ask for the package again</source>
        <translation>某张图片的分段缺失或顺序错乱；请重新索取该工作包</translation>
    </message>
    <message>
        <location filename="../../review/texts/packages.py" line="121"/>
        <source>a picture is larger than {limit:,} bytes; ask for the package again</source>
        <translation>某张图片超过 {limit:,} 字节；请重新索取该工作包</translation>
    </message>
    <message>
        <location filename="../../review/texts/packages.py" line="123"/>
        <source>is not a part of a picture (sha256, part, parts, data in base64); ask for the package again</source>
        <translation>不是图片的一个分段（sha256、part、parts、base64 编码的 data）；请重新索取该工作包</translation>
    </message>
    <message>
        <location filename="../../review/texts/packages.py" line="127"/>
        <source>the bytes of the picture &apos;{name}&apos; are not the ones its post names; ask for the package again</source>
        <translation>图片“{name}”的内容与其帖子所记录的不符；请重新索取该工作包</translation>
    </message>
    <message>
        <location filename="../../review/texts/packages.py" line="131"/>
        <source>a {kind} package holds {expected}; this one holds {found}</source>
        <translation>{kind} 工作包应包含 {expected}；这个工作包包含 {found}</translation>
    </message>
    <message>
        <location filename="../../review/texts/packages.py" line="134"/>
        <source>the manifest counts {declared} events, the package holds {count}</source>
        <translation>清单记有 {declared} 个事件，工作包中有 {count} 个</translation>
    </message>
    <message>
        <location filename="../../review/texts/packages.py" line="137"/>
        <source>the manifest counts 1 event, the package holds {count}</source>
        <translation>清单记有 1 个事件，工作包中有 {count} 个</translation>
    </message>
    <message>
        <location filename="../../review/texts/packages.py" line="140"/>
        <source>not valid JSON ({detail})</source>
        <translation>不是有效的 JSON（{detail}）</translation>
    </message>
    <message>
        <location filename="../../review/texts/packages.py" line="143"/>
        <source>not UTF-8 text ({detail})</source>
        <translation>不是 UTF-8 文本（{detail}）</translation>
    </message>
    <message>
        <location filename="../../review/texts/packages.py" line="146"/>
        <source>more problems not listed</source>
        <translation>还有更多问题未列出</translation>
    </message>
    <message>
        <source>needs exactly the fields {fields}</source>
        <translation type="vanished">必须恰好有这些字段：{fields}</translation>
    </message>
    <message>
        <location filename="../../review/texts/packages.py" line="149"/>
        <source>names batch {batch!r}, the manifest {name!r}</source>
        <translation>指明的批次是 {batch!r}，清单中是 {name!r}</translation>
    </message>
    <message>
        <source>wrong type for {fields}: title, created, origin and timezone are text, due is text or null, require_signoff is true or false</source>
        <translation type="vanished">{fields} 的类型错误：title、created、origin 和 timezone 是文本，due 是文本或 null，require_signoff 是 true 或 false</translation>
    </message>
    <message>
        <source>platforms must be a list of {platforms}</source>
        <translation type="vanished">platforms 必须是由 {platforms} 组成的列表</translation>
    </message>
    <message>
        <location filename="../../review/texts/packages.py" line="152"/>
        <source>{field}: {problem}</source>
        <translation>字段 {field}：{problem}</translation>
    </message>
    <message>
        <source>{value!r} is not an ISO-8601 time such as 2026-03-01T09:30:00.000Z</source>
        <translation type="vanished">{value!r} 不是 ISO-8601 时间（例如 2026-03-01T09:30:00.000Z）</translation>
    </message>
    <message>
        <source>{value!r} is not in UTC (it must end in Z)</source>
        <translation type="vanished">{value!r} 不是 UTC 时间（必须以 Z 结尾）</translation>
    </message>
    <message>
        <source>event {id} appears twice</source>
        <translation type="vanished">事件 {id} 出现了两次</translation>
    </message>
    <message>
        <location filename="../../review/texts/packages.py" line="155"/>
        <source>an event needs exactly the fields {fields}</source>
        <translation>事件必须恰好有这些字段：{fields}</translation>
    </message>
    <message>
        <source>id, kind, batch, actor, role and at must be text</source>
        <translation type="vanished">id、kind、batch、actor、role 和 at 必须是文本</translation>
    </message>
    <message>
        <source>post_id and parent must be text or null</source>
        <translation type="vanished">post_id 和 parent 必须是文本或 null</translation>
    </message>
    <message>
        <source>event {id}: the payload must be an object and the id short</source>
        <translation type="vanished">事件 {id}：payload 必须是对象，且 id 不能太长</translation>
    </message>
    <message>
        <location filename="../../review/texts/packages.py" line="158"/>
        <source>event {id} belongs to batch {batch!r}, not {expected!r}</source>
        <translation>事件 {id} 属于批次 {batch!r}，而不是 {expected!r}</translation>
    </message>
    <message>
        <source>event {id}: the role {role!r} is not one of {roles}</source>
        <translation type="vanished">事件 {id}：角色 {role!r} 不是 {roles} 之一</translation>
    </message>
    <message>
        <source>event {id}: at: {problem}</source>
        <translation type="vanished">事件 {id}：at：{problem}</translation>
    </message>
    <message>
        <location filename="../../review/texts/packages.py" line="161"/>
        <source>event {id} is of a kind this Review Desk does not know ({kind!r}): the package was made by a newer Review Desk; update to import it</source>
        <translation>事件 {id} 的类型是此版本 Review Desk 不认识的（{kind!r}）：该工作包由较新的 Review Desk 生成；请更新后再导入</translation>
    </message>
    <message>
        <source>must be a list of glossaries</source>
        <translation type="vanished">必须是术语表的列表</translation>
    </message>
    <message>
        <source>glossary {name!r} is malformed ({detail})</source>
        <translation type="vanished">术语表 {name!r} 格式错误（{detail}）</translation>
    </message>
    <message>
        <location filename="../../review/texts/packages.py" line="165"/>
        <source>glossary {number} is malformed ({detail})</source>
        <translation>第 {number} 个术语表格式错误（{detail}）</translation>
    </message>
    <message>
        <location filename="../../review/texts/packages.py" line="168"/>
        <source>a glossary is an object with a list of entries</source>
        <translation>术语表是一个包含条目列表的对象</translation>
    </message>
    <message>
        <location filename="../../review/texts/packages.py" line="171"/>
        <source>entry {number}: {problem}</source>
        <translation>第 {number} 个条目：{problem}</translation>
    </message>
    <message>
        <location filename="../../review/texts/packages.py" line="174"/>
        <source>{value!r} is not text</source>
        <translation>{value!r} 不是文本</translation>
    </message>
    <message>
        <location filename="../../review/texts/packages.py" line="177"/>
        <source>entry {term!r}: status {status!r} is not one of {statuses}</source>
        <translation>条目 {term!r}：状态 {status!r} 不是 {statuses} 之一</translation>
    </message>
    <message>
        <location filename="../../review/texts/packages.py" line="180"/>
        <source>{value!r} is not an object</source>
        <translation>{value!r} 不是对象</translation>
    </message>
    <message>
        <location filename="../../review/texts/packages.py" line="183"/>
        <source>wrong type for {fields}</source>
        <translation>{fields} 的类型错误</translation>
    </message>
    <message>
        <location filename="../../review/texts/packages.py" line="186"/>
        <source>not a memory unit ({detail})</source>
        <translation>不是翻译记忆单元（{detail}）</translation>
    </message>
    <message>
        <location filename="../../review/texts/packages.py" line="189"/>
        <source>the {side} segment of the unit &quot;{text}&quot; is not a TMX &lt;seg&gt; as an import keeps it (one &lt;seg&gt; element, no DTD, comment or processing instruction)</source>
        <translation>单元“{text}”的 {side} 片段不是导入时保留的 TMX &lt;seg&gt;（应为单个 &lt;seg&gt; 元素，不含 DTD、注释或处理指令）</translation>
    </message>
    <message>
        <location filename="../../review/texts/packages.py" line="193"/>
        <source>batch {batch} is not in this database: these results answer a work package that was never imported here; import the work package (or use the coordinator&apos;s database) first</source>
        <translation>批次 {batch} 不在这个数据库中：这些结果回应的是一个从未在这里导入的工作包；请先导入该工作包（或使用协调员的数据库）</translation>
    </message>
    <message>
        <location filename="../../review/texts/packages.py" line="197"/>
        <source>{count} events have the same id as events here but other content (first: {first}): the package was altered; nothing was imported</source>
        <translation>{count} 个事件与这里的事件 id 相同但内容不同（第一个：{first}）：工作包被改动过；未导入任何内容</translation>
    </message>
    <message>
        <location filename="../../review/texts/packages.py" line="201"/>
        <source>1 event has the same id as an event here but other content ({first}): the package was altered; nothing was imported</source>
        <translation>1 个事件与这里的事件 id 相同但内容不同（{first}）：工作包被改动过；未导入任何内容</translation>
    </message>
    <message>
        <location filename="../../review/texts/packages.py" line="205"/>
        <source>{count} events build on events this database does not have (first: {first}); {hint}</source>
        <translation>{count} 个事件基于这个数据库没有的事件（第一个：{first}）；{hint}</translation>
    </message>
    <message>
        <location filename="../../review/texts/packages.py" line="208"/>
        <source>1 event builds on events this database does not have ({first}); {hint}</source>
        <translation>1 个事件基于这个数据库没有的事件（{first}）；{hint}</translation>
    </message>
    <message>
        <location filename="../../review/texts/packages.py" line="211"/>
        <source>import the work package these results answer first</source>
        <translation>请先导入这些结果所回应的工作包</translation>
    </message>
    <message>
        <location filename="../../review/texts/packages.py" line="214"/>
        <source>ask for a new package</source>
        <translation>请索取一个新的工作包</translation>
    </message>
    <message>
        <location filename="../../review/texts/packages.py" line="217"/>
        <source>post {id} is in batch {batch!r} here, not {expected!r}</source>
        <translation>帖子 {id} 在这里属于批次 {batch!r}，而不是 {expected!r}</translation>
    </message>
    <message>
        <location filename="../../review/texts/packages.py" line="220"/>
        <source>post {external_id} of batch {batch} is already here as another post ({other}), imported from a file; import the package into a database without that batch</source>
        <translation>批次 {batch} 的帖子 {external_id} 已作为另一个帖子（{other}）从文件导入到这里；请把工作包导入到没有该批次的数据库中</translation>
    </message>
    <message>
        <location filename="../../review/texts/packages.py" line="224"/>
        <source>the history of post {id} cannot be replayed ({error}: {detail})</source>
        <translation>无法重放帖子 {id} 的历史（{error}：{detail}）</translation>
    </message>
    <message>
        <location filename="../../review/texts/packages.py" line="227"/>
        <source>the posts cannot be stored ({detail})</source>
        <translation>无法保存这些帖子（{detail}）</translation>
    </message>
    <message>
        <location filename="../../review/texts/packages.py" line="230"/>
        <source>{name!r} is not a usable batch name: give 1-100 printable characters</source>
        <translation>{name!r} 不能用作批次名：请给出 1-100 个可打印字符</translation>
    </message>
    <message>
        <location filename="../../review/texts/packages.py" line="233"/>
        <source>unknown time zone {name!r}; use an IANA name such as Africa/Harare</source>
        <translation>未知时区 {name!r}；请使用 IANA 名称，例如 Africa/Harare</translation>
    </message>
    <message>
        <location filename="../../review/texts/packages.py" line="237"/>
        <source>the package is format version {version}, made by an older Review Desk without a signature, so nobody can tell whether it was changed on the way; ask the sender to update Review Desk and make the package again</source>
        <translation>该工作包的格式版本为 {version}，由较旧的 Review Desk 生成，没有签名，无法判断它在传递途中是否被改动；请让发送者更新 Review Desk 后重新制作工作包</translation>
    </message>
    <message>
        <location filename="../../review/texts/packages.py" line="242"/>
        <source>the package&apos;s signature does not match its manifest: it was altered after it was made, or was not made by Review Desk; nothing was imported. Ask the sender for the file again (and tell them: it may have been tampered with on the way)</source>
        <translation>工作包的签名与其清单不符：它在制作之后被改动过，或者不是由 Review Desk 制作的；未导入任何内容。请向发送者重新索取文件（并告诉对方：它可能在途中被篡改）</translation>
    </message>
    <message>
        <location filename="../../review/texts/packages.py" line="247"/>
        <source>this is not a regular file (a folder, a device or a named pipe); choose the package file itself</source>
        <translation>这不是普通文件（而是文件夹、设备或命名管道）；请选择工作包文件本身</translation>
    </message>
    <message>
        <location filename="../../review/texts/packages.py" line="251"/>
        <source>line {number} is longer than {limit}, more than any event, memory unit or glossary entry Review Desk writes; the package was refused</source>
        <translation>第 {number} 行超过 {limit}，比 Review Desk 写出的任何事件、记忆单元或术语条目都长；已拒绝该工作包</translation>
    </message>
    <message>
        <location filename="../../review/texts/packages.py" line="255"/>
        <source>batch {batch} was imported on this desk from HQ&apos;s file and is coordinated here; this work package for a batch of that name was made by another desk, so it was refused</source>
        <translation>批次 {batch} 是在本机从总部文件导入的，由本机协调；这个同名批次的工作包由另一台机器制作，因此已拒绝</translation>
    </message>
    <message>
        <location filename="../../review/texts/packages.py" line="259"/>
        <source>batch {batch} came to this laptop from the coordinator&apos;s desk with key {pinned}; this work package was signed by another desk (key {signer}), so it was refused. Ask your coordinator for the package (and compare the key with them: `review-desk pack key` on their desk)</source>
        <translation>批次 {batch} 是从密钥为 {pinned} 的协调员机器发到本机的；这个工作包由另一台机器签名（密钥 {signer}），因此已拒绝。请向您的协调员索取工作包（并与对方核对密钥：在其机器上运行 `review-desk pack key`）</translation>
    </message>
    <message>
        <location filename="../../review/texts/packages.py" line="265"/>
        <source>batch {batch} came to this laptop in a work package; results of reviewers are merged on the desk that coordinates it, not here</source>
        <translation>批次 {batch} 是通过工作包来到本机的；审校员的结果要在协调该批次的机器上合并，而不是在这里</translation>
    </message>
    <message>
        <location filename="../../review/texts/packages.py" line="269"/>
        <source>this results package for batch {batch} was not made by a laptop this desk gave work to (it does not prove that it received one of this desk&apos;s work packages), or it was altered; nothing was imported. Ask the reviewer to import a work package from this desk and make the results package again</source>
        <translation>批次 {batch} 的这个结果包不是由本机分派过工作的电脑制作的（它无法证明收到过本机的工作包），或者已被改动；未导入任何内容。请让审校员导入本机的工作包后重新制作结果包</translation>
    </message>
    <message>
        <location filename="../../review/texts/packages.py" line="275"/>
        <source>work packages are made by a coordinator; {actor} acts as reviewer</source>
        <translation>工作包由协调员制作；{actor} 的角色是审校员</translation>
    </message>
    <message>
        <location filename="../../review/texts/packages.py" line="278"/>
        <source>batch {batch} came to this laptop in a work package: it is coordinated from the desk that sent it, where work packages, sign-offs, assignments, conflict resolutions, HQ&apos;s new drafts and exports are made; here it is reviewed</source>
        <translation>批次 {batch} 是通过工作包来到本机的：它由发送它的机器协调，工作包、签核、分派、冲突处理、总部的新草稿和导出都在那里进行；本机只做审校</translation>
    </message>
    <message>
        <location filename="../../review/texts/packages.py" line="283"/>
        <source>the work package for batch {batch} was imported from an older Review Desk, without the secret a results package proves itself with; import a new work package from your coordinator first (your work here is kept), then make the results package again</source>
        <translation>批次 {batch} 的工作包来自较旧的 Review Desk，缺少结果包用来证明来源的密钥；请先导入协调员发来的新工作包（您在本机的工作会保留），然后重新制作结果包</translation>
    </message>
    <message>
        <location filename="../../review/texts/packages.py" line="288"/>
        <source>{count} of this laptop&apos;s events for batch {batch} are not reviewers&apos; actions (first: {first}, {kind}); a results package carries only reviews, so it was not made</source>
        <translation>本机在批次 {batch} 中有 {count} 个事件不是审校员的操作（第一个：{first}，{kind}）；结果包只能包含审校操作，因此未制作</translation>
    </message>
    <message>
        <location filename="../../review/texts/packages.py" line="293"/>
        <source>an event&apos;s id must be 32 hexadecimal digits</source>
        <translation>事件的 id 必须是 32 位十六进制数字</translation>
    </message>
    <message>
        <location filename="../../review/texts/packages.py" line="296"/>
        <source>event {id} ({kind}): {field} {problem}</source>
        <translation>事件 {id}（{kind}）：{field} {problem}</translation>
    </message>
    <message>
        <location filename="../../review/texts/packages.py" line="299"/>
        <source>event {id} ({kind}) must carry the fields {fields} (and may carry {optional}), nothing else</source>
        <translation>事件 {id}（{kind}）必须带有字段 {fields}（可以带有 {optional}），不能有其他字段</translation>
    </message>
    <message>
        <location filename="../../review/texts/packages.py" line="303"/>
        <source>event {id}: an annotation of a picture has a span of the text; it must be 0-0</source>
        <translation>事件 {id}：图片批注带有文本范围；范围必须是 0-0</translation>
    </message>
    <message>
        <location filename="../../review/texts/packages.py" line="306"/>
        <source>event {id}: the annotation&apos;s span {start}-{end} is empty or reversed</source>
        <translation>事件 {id}：批注范围 {start}-{end} 为空或颠倒</translation>
    </message>
    <message>
        <location filename="../../review/texts/packages.py" line="309"/>
        <source>this event has the id of an earlier line of the package (line {line} repeats it)</source>
        <translation>此事件与工作包中前面某一行的 id 相同（第 {line} 行重复了它）</translation>
    </message>
    <message>
        <location filename="../../review/texts/packages.py" line="312"/>
        <source>event {id} is {kind}: a results package carries only reviewers&apos; actions on posts of its batch (no imports, HQ&apos;s changes, exports, assignments, sign-offs or conflict resolutions)</source>
        <translation>事件 {id} 是 {kind}：结果包只能包含审校员对本批次帖子的操作（不能有导入、总部的修改、导出、分派、签核或冲突处理）</translation>
    </message>
    <message>
        <location filename="../../review/texts/packages.py" line="317"/>
        <source>post {post} has no import event: its history cannot start</source>
        <translation>帖子 {post} 没有导入事件：其历史无法开始</translation>
    </message>
    <message>
        <location filename="../../review/texts/packages.py" line="320"/>
        <source>event {id} imports post {post} a second time</source>
        <translation>事件 {id} 第二次导入帖子 {post}</translation>
    </message>
    <message>
        <location filename="../../review/texts/packages.py" line="323"/>
        <source>event {id} follows {parent}, which is not an event of post {post}</source>
        <translation>事件 {id} 接在 {parent} 之后，但后者不是帖子 {post} 的事件</translation>
    </message>
    <message>
        <location filename="../../review/texts/packages.py" line="326"/>
        <source>event {id} of post {post} is part of a cycle of parents: its history never reaches the post&apos;s import</source>
        <translation>帖子 {post} 的事件 {id} 处在父事件的循环中：其历史永远到达不了帖子的导入</translation>
    </message>
    <message>
        <location filename="../../review/texts/packages.py" line="330"/>
        <source>event {id} ({kind} by {actor}) is not allowed where it stands in post {post}&apos;s history (the post was {state} there): {why}</source>
        <translation>事件 {id}（{actor} 的 {kind}）在帖子 {post} 历史中的这个位置不被允许（帖子在那时为 {state}）：{why}</translation>
    </message>
    <message>
        <location filename="../../review/texts/packages.py" line="334"/>
        <source>{count} events of this results package were not made on the laptop that made it (first: {first}): they are this desk&apos;s or another laptop&apos;s; nothing was imported</source>
        <translation>此结果包中有 {count} 个事件不是在制作它的电脑上产生的（第一个：{first}）：它们属于本机或另一台电脑；未导入任何内容</translation>
    </message>
    <message>
        <location filename="../../review/texts/packages.py" line="338"/>
        <source>1 event of this results package was not made on the laptop that made it (first: {first}): it is this desk&apos;s or another laptop&apos;s; nothing was imported</source>
        <translation>此结果包中有 1 个事件不是在制作该包的笔记本上产生的（第一个：{first}）：它属于本工作台或另一台笔记本；没有导入任何内容</translation>
    </message>
    <message>
        <location filename="../../review/texts/packages.py" line="342"/>
        <source>the package brings batch {batch} but not the one event that creates it</source>
        <translation>工作包带来了批次 {batch}，却没有创建它的那个事件</translation>
    </message>
    <message>
        <location filename="../../review/texts/packages.py" line="345"/>
        <source>the package&apos;s batch {batch} is another batch than the one of that name here (it was created by another event); nothing was imported</source>
        <translation>工作包中的批次 {batch} 与本机同名的批次不是同一个（它由另一个事件创建）；未导入任何内容</translation>
    </message>
    <message>
        <location filename="../../review/texts/packages.py" line="349"/>
        <source>post {id} is not a post of batch {batch} here, and the package does not import it</source>
        <translation>帖子 {id} 不是本机批次 {batch} 中的帖子，工作包也没有导入它</translation>
    </message>
    <message>
        <location filename="../../review/texts/packages.py" line="352"/>
        <source>the package holds {count} events of post {id}, more than the {limit} any real review makes</source>
        <translation>工作包中帖子 {id} 有 {count} 个事件，超过任何真实审校会产生的 {limit} 个</translation>
    </message>
    <message>
        <location filename="../../review/texts/packages.py" line="356"/>
        <source>the history of post {id} ({count} events) branches too often to be checked; the package was refused</source>
        <translation>帖子 {id} 的历史（{count} 个事件）分支过多，无法检查；已拒绝该工作包</translation>
    </message>
    <message>
        <location filename="../../review/texts/packages.py" line="360"/>
        <source>each line is a glossary ({{&quot;glossary&quot;: ...}}) or an entry of the glossary above it ({{&quot;entry&quot;: ...}})</source>
        <translation>每一行是一个术语表（{{&quot;glossary&quot;: ...}}）或其上方术语表的一个条目（{{&quot;entry&quot;: ...}}）</translation>
    </message>
    <message>
        <location filename="../../review/texts/packages.py" line="364"/>
        <source>is not text of at most {limit:,} characters</source>
        <translation>不是最多 {limit:,} 个字符的文本</translation>
    </message>
    <message>
        <location filename="../../review/texts/packages.py" line="365"/>
        <source>is not a whole number from {low:,} to {high:,}</source>
        <translation>不是 {low:,} 到 {high:,} 之间的整数</translation>
    </message>
    <message>
        <location filename="../../review/texts/packages.py" line="367"/>
        <source>is not one of {allowed}</source>
        <translation>不是 {allowed} 之一</translation>
    </message>
    <message>
        <location filename="../../review/texts/packages.py" line="368"/>
        <source>is not true or false</source>
        <translation>不是 true 或 false</translation>
    </message>
    <message>
        <location filename="../../review/texts/packages.py" line="369"/>
        <source>is not a language tag such as zh-CN</source>
        <translation>不是语言标记（例如 zh-CN）</translation>
    </message>
    <message>
        <location filename="../../review/texts/packages.py" line="370"/>
        <source>is not a list of at most {limit:,} items of the right kind</source>
        <translation>不是最多 {limit:,} 项、类型正确的列表</translation>
    </message>
    <message>
        <location filename="../../review/texts/packages.py" line="372"/>
        <source>is not a file name relative to a batch&apos;s folder (no &apos;..&apos;, not absolute)</source>
        <translation>不是相对于批次文件夹的文件名（不得含“..”，不得为绝对路径）</translation>
    </message>
    <message>
        <location filename="../../review/texts/packages.py" line="374"/>
        <source>is not a list of pictures, each with the fields {fields}</source>
        <translation>不是图片列表（每张图片须有字段 {fields}）</translation>
    </message>
    <message>
        <location filename="../../review/texts/packages.py" line="376"/>
        <source>is not an object of at most {limit:,} fields of the right kind</source>
        <translation>不是最多 {limit:,} 个字段、类型正确的对象</translation>
    </message>
    <message>
        <location filename="../../review/texts/packages.py" line="378"/>
        <source>is not a set of inline codes as an import of a CAT file writes them (Private Use Area placeholders, each one XML inline element)</source>
        <translation>不是导入 CAT 文件时写下的内嵌代码（私用区占位符，每个对应一个 XML 内嵌元素）</translation>
    </message>
    <message>
        <location filename="../../review/texts/packages.py" line="381"/>
        <source>is not a list of XLIFF 2.0 &lt;file&gt; elements without units, as an import of a multi-file document keeps them (distinct ids, limited sizes)</source>
        <translation>不是多文件文档导入时保留的、不含单元的 XLIFF 2.0 &lt;file&gt; 元素列表（id 各不相同，大小有限）</translation>
    </message>
    <message>
        <location filename="../../review/texts/packages.py" line="384"/>
        <source>is not a time in UTC such as 2026-03-01T09:30:00.000Z</source>
        <translation>不是 UTC 时间（例如 2026-03-01T09:30:00.000Z）</translation>
    </message>
    <message>
        <location filename="../../review/texts/packages.py" line="386"/>
        <source>is not a date and time (ISO 8601)</source>
        <translation>不是日期和时间（ISO 8601）</translation>
    </message>
    <message>
        <location filename="../../review/texts/packages.py" line="387"/>
        <source>is not between 1970 and 2200</source>
        <translation>不在 1970 年到 2200 年之间</translation>
    </message>
    <message>
        <location filename="../../review/texts/packages.py" line="388"/>
        <source>is not an event id (32 hexadecimal digits)</source>
        <translation>不是事件 id（32 位十六进制数字）</translation>
    </message>
    <message>
        <location filename="../../review/texts/packages.py" line="389"/>
        <source>is not a SHA-256 (64 hexadecimal digits)</source>
        <translation>不是 SHA-256（64 位十六进制数字）</translation>
    </message>
    <message>
        <location filename="../../review/texts/packages.py" line="390"/>
        <source>is not a post id</source>
        <translation>不是帖子 id</translation>
    </message>
    <message>
        <location filename="../../review/texts/packages.py" line="391"/>
        <source>must be null for this kind of event</source>
        <translation>对这类事件必须为 null</translation>
    </message>
    <message>
        <location filename="../../review/texts/packages.py" line="392"/>
        <source>may name only HQ&apos;s fields ({fields}), each with a value of its kind</source>
        <translation>只能包含总部的字段（{fields}），且每个值的类型正确</translation>
    </message>
    <message>
        <location filename="../../review/texts/packages.py" line="394"/>
        <source>{action} is not allowed in that state</source>
        <translation>在该状态下不允许 {action}</translation>
    </message>
    <message>
        <location filename="../../review/texts/packages.py" line="395"/>
        <source>only a coordinator may {action}</source>
        <translation>只有协调员可以 {action}</translation>
    </message>
    <message>
        <location filename="../../review/texts/packages.py" line="396"/>
        <source>the batch does not require sign-off</source>
        <translation>该批次不需要签核</translation>
    </message>
    <message>
        <location filename="../../review/texts/packages.py" line="397"/>
        <source>a sign-off needs a second person, not the one who wrote or approved the rewrite</source>
        <translation>签核需要第二个人，而不是撰写或批准该改写的人</translation>
    </message>
    <message>
        <location filename="../../review/texts/packages.py" line="399"/>
        <source>only a pending post is opened</source>
        <translation>只有待处理的帖子才会被打开</translation>
    </message>
    <message>
        <location filename="../../review/texts/packages.py" line="400"/>
        <source>the post was exported; nothing changes it</source>
        <translation>帖子已导出；任何操作都不能再改变它</translation>
    </message>
    <message>
        <location filename="../../review/texts/packages.py" line="401"/>
        <source>only an approved post is exported</source>
        <translation>只有已批准的帖子才会被导出</translation>
    </message>
    <message>
        <location filename="../../review/texts/packages.py" line="402"/>
        <source>it names events that are not in the post&apos;s history</source>
        <translation>它提到的事件不在帖子的历史中</translation>
    </message>
    <message>
        <source>it records another outcome than the rules give (state {state}, revision {revision})</source>
        <translation type="vanished">它记录的结果与规则给出的不同（状态 {state}，修订 {revision}）</translation>
    </message>
    <message>
        <location filename="../../review/texts/packages.py" line="407"/>
        <source>the revision it marks is not one of the post&apos;s revisions there</source>
        <translation>它标注的修订不是帖子在那时的修订之一</translation>
    </message>
    <message>
        <location filename="../../review/texts/packages.py" line="409"/>
        <source>its span ends at {end}, after the end of its revision ({length} characters)</source>
        <translation>它的范围结束于 {end}，超出了其修订的末尾（{length} 个字符）</translation>
    </message>
    <message>
        <location filename="../../review/texts/packages.py" line="411"/>
        <source>the annotation it names is not there</source>
        <translation>它提到的批注不存在</translation>
    </message>
    <message>
        <location filename="../../review/texts/packages.py" line="412"/>
        <source>the dismissal names another text than the post&apos;s text there</source>
        <translation>该忽略记录针对的文本与帖子当时的文本不同</translation>
    </message>
    <message>
        <location filename="../../review/texts/packages.py" line="414"/>
        <source>the event it takes back is not in the post&apos;s history, or of another kind</source>
        <translation>它撤销的事件不在帖子的历史中，或类型不符</translation>
    </message>
    <message>
        <location filename="../../review/texts/packages.py" line="416"/>
        <source>that kind of event cannot be taken back</source>
        <translation>这类事件不能撤销</translation>
    </message>
    <message>
        <location filename="../../review/texts/packages.py" line="417"/>
        <source>a reviewer takes back only their own actions (that one is {actor}&apos;s)</source>
        <translation>审校员只能撤销自己的操作（那个操作属于 {actor}）</translation>
    </message>
    <message>
        <location filename="../../review/texts/packages.py" line="420"/>
        <source>no work package for batch {batch} was imported on this laptop, so there is no work to return; a results package answers a work package</source>
        <translation>这台电脑上没有导入过批次 {batch} 的工作包，因此没有可交回的工作；结果包是对工作包的回应</translation>
    </message>
    <message>
        <location filename="../../review/texts/packages.py" line="424"/>
        <source>nothing to return for batch {batch}: no review was done on this laptop since its work package was imported</source>
        <translation>批次 {batch} 没有可交回的内容：自从导入其工作包以来，这台电脑上没有做过审核</translation>
    </message>
    <message>
        <location filename="../../review/texts/packages.py" line="428"/>
        <source>a package file ends in {suffix}: give --out {path}</source>
        <translation>工作包文件以 {suffix} 结尾：请使用 --out {path}</translation>
    </message>
    <message>
        <location filename="../../review/texts/packages.py" line="431"/>
        <source>cannot make {name}: {why}; nothing was written</source>
        <translation>无法生成 {name}：{why}；没有写入任何内容</translation>
    </message>
    <message>
        <location filename="../../review/texts/packages.py" line="434"/>
        <source>cannot write {path}: {detail}; nothing was written, choose another place or free some disk space</source>
        <translation>无法写入 {path}：{detail}；没有写入任何内容，请选择其他位置或释放一些磁盘空间</translation>
    </message>
    <message>
        <location filename="../../review/texts/batches.py" line="159"/>
        <source>missing required column {column!r} (also accepted: {aliases})</source>
        <translation>缺少必需的列 {column!r}（也接受：{aliases}）</translation>
    </message>
    <message>
        <location filename="../../review/texts/batches.py" line="162"/>
        <source>this required key is missing from the object</source>
        <translation>对象中缺少这个必需的键</translation>
    </message>
    <message>
        <location filename="../../review/texts/batches.py" line="165"/>
        <source>columns {first!r} and {second!r} both mean {column!r}; keep one of them</source>
        <translation>列 {first!r} 和 {second!r} 都表示 {column!r}；请只保留其中一个</translation>
    </message>
    <message>
        <location filename="../../review/texts/batches.py" line="168"/>
        <source>{length:,} characters long; the limit is {limit:,}: shorten it</source>
        <translation>长 {length:,} 个字符；上限为 {limit:,}：请缩短</translation>
    </message>
    <message>
        <location filename="../../review/texts/batches.py" line="171"/>
        <source>contains a NUL character (U+0000) at character {at}; remove it</source>
        <translation>第 {at} 个字符是 NUL 字符（U+0000）；请删除它</translation>
    </message>
    <message>
        <location filename="../../review/texts/batches.py" line="174"/>
        <source>contains a broken character (lone surrogate U+{code:04X}) at character {at}; the text was damaged on the way: export it again as UTF-8</source>
        <translation>第 {at} 个字符已损坏（孤立代理项 U+{code:04X}）；文本在传输中受损：请重新以 UTF-8 导出</translation>
    </message>
    <message>
        <location filename="../../review/texts/batches.py" line="178"/>
        <source>contains the control character U+{code:04X} at character {at}; remove it</source>
        <translation>第 {at} 个字符是控制字符 U+{code:04X}；请删除它</translation>
    </message>
    <message>
        <location filename="../../review/texts/batches.py" line="181"/>
        <source>unknown platform {text!r}; use one of: {platforms} ({aliases} are accepted too)</source>
        <translation>未知平台 {text!r}；请使用以下之一：{platforms}（也接受 {aliases}）</translation>
    </message>
    <message>
        <location filename="../../review/texts/batches.py" line="184"/>
        <source>{text!r} is outside the times Review Desk accepts ({earliest} to {latest}, UTC); check the year</source>
        <translation>{text!r} 超出 Review Desk 接受的时间范围（{earliest} 至 {latest}，UTC）；请检查年份</translation>
    </message>
    <message>
        <source>{text!r} is not a valid date and time; expected e.g. 2026-12-01T09:30:00+02:00 or 2026-12-01 09:30</source>
        <translation type="vanished">{text!r} 不是有效的日期时间；示例：2026-12-01T09:30:00+02:00 或 2026-12-01 09:30</translation>
    </message>
    <message>
        <location filename="../../review/texts/batches.py" line="195"/>
        <source>no language given; use a code such as en, zh-CN, zh-Hans, pt-BR or es-419</source>
        <translation>未给出语言；请使用 en、zh-CN、zh-Hans、pt-BR 或 es-419 这样的代码</translation>
    </message>
    <message>
        <location filename="../../review/texts/batches.py" line="198"/>
        <source>{text!r} is not a language code; use a code such as en, zh-CN, zh-Hans, pt-BR or es-419</source>
        <translation>{text!r} 不是语言代码；请使用 en、zh-CN、zh-Hans、pt-BR 或 es-419 这样的代码</translation>
    </message>
    <message>
        <location filename="../../review/texts/batches.py" line="202"/>
        <source>empty; every post needs a value here</source>
        <translation>为空；每个帖子这里都需要填写</translation>
    </message>
    <message>
        <location filename="../../review/texts/batches.py" line="205"/>
        <source>{text!r} spans several lines or holds a tab; an id is one short line</source>
        <translation>{text!r} 跨多行或含有制表符；编号应为简短的一行</translation>
    </message>
    <message>
        <location filename="../../review/texts/batches.py" line="208"/>
        <source>duplicate id {id!r}: line {first} has it already; give each post its own id</source>
        <translation>编号 {id!r} 重复：第 {first} 行已使用；请给每个帖子一个独立编号</translation>
    </message>
    <message>
        <location filename="../../review/texts/batches.py" line="211"/>
        <source>post {id} was already exported and cannot change; give the new version a new id or import it into a new batch</source>
        <translation>帖子 {id} 已导出，不能再更改；请给新版本一个新编号，或导入到新批次</translation>
    </message>
    <message>
        <location filename="../../review/texts/exports.py" line="29"/>
        <source>batch {batch} has no approved posts that were not exported yet: {exported} went out already (last on {at} to {file}); use --again to export them again</source>
        <translation>批次 {batch} 没有尚未导出的已批准帖子：已导出 {exported} 条（最近一次于 {at} 导出到 {file}）；如需再次导出，请选择“再次导出”（--again）</translation>
    </message>
    <message>
        <location filename="../../review/texts/exports.py" line="33"/>
        <source>batch {batch} has no approved posts to export (states: {states})</source>
        <translation>批次 {batch} 没有可导出的已批准帖子（状态：{states}）</translation>
    </message>
    <message>
        <location filename="../../review/texts/exports.py" line="46"/>
        <source>batch {batch} has no approved {platform} posts to export</source>
        <translation>批次 {batch} 没有可导出的 {platform} 已批准帖子</translation>
    </message>
    <message>
        <location filename="../../review/texts/exports.py" line="49"/>
        <source>{path} is a folder; give the name of the file to write in it</source>
        <translation>{path} 是一个文件夹；请给出要写入其中的文件名</translation>
    </message>
    <message>
        <location filename="../../review/texts/exports.py" line="52"/>
        <source>cannot write {path}: there is no folder {folder}; create it, or choose another place</source>
        <translation>无法写入 {path}：没有文件夹 {folder}；请创建它，或选择其他位置</translation>
    </message>
    <message>
        <location filename="../../review/texts/exports.py" line="55"/>
        <source>cannot write {path}: its name is {length:,} bytes long, and on this drive a name may have at most {usable:,} (Review Desk writes a temporary file of a longer name beside it); choose a shorter name</source>
        <translation>无法写入 {path}：文件名长 {length:,} 字节，而此磁盘上的文件名最多 {usable:,} 字节（Review Desk 会在旁边写一个名字更长的临时文件）；请选择更短的文件名</translation>
    </message>
    <message>
        <location filename="../../review/texts/exports.py" line="60"/>
        <source>cannot write {path}: {detail}; choose another place</source>
        <translation>无法写入 {path}：{detail}；请选择其他位置</translation>
    </message>
    <message>
        <location filename="../../review/texts/exports.py" line="63"/>
        <source>cannot write {path}: {detail}; choose another place or free some disk space</source>
        <translation>无法写入 {path}：{detail}；请选择其他位置或释放一些磁盘空间</translation>
    </message>
    <message>
        <location filename="../../review/texts/exports.py" line="66"/>
        <source>{path} is a folder; give the name of the file to write, e.g. {path}/approved.csv</source>
        <translation>{path} 是一个文件夹；请给出要写入的文件名，例如 {path}/approved.csv</translation>
    </message>
    <message>
        <location filename="../../review/texts/exports.py" line="69"/>
        <source>cannot write {path}: {detail}; nothing was exported, choose another place or free some disk space</source>
        <translation>无法写入 {path}：{detail}；没有导出任何内容，请选择其他位置或释放磁盘空间</translation>
    </message>
    <message>
        <location filename="../../review/texts/desk.py" line="50"/>
        <source>no post {key!r}: use an id that `review-desk posts` shows</source>
        <translation>没有帖子 {key!r}：请使用 `review-desk posts` 显示的编号</translation>
    </message>
    <message>
        <location filename="../../review/texts/desk.py" line="53"/>
        <source>no batch {batch!r} (batches: {known})</source>
        <translation>没有批次 {batch!r}（现有批次：{known}）</translation>
    </message>
    <message>
        <location filename="../../review/texts/desk.py" line="56"/>
        <source>no batch {batch!r}: this desk holds no batch yet (import one first)</source>
        <translation>没有批次 {batch!r}：此工作台还没有任何批次（请先导入一个）</translation>
    </message>
    <message>
        <location filename="../../review/texts/desk.py" line="59"/>
        <source>post {id} was exported; exported posts cannot be changed</source>
        <translation>帖子 {id} 已导出；已导出的帖子不能更改</translation>
    </message>
    <message>
        <location filename="../../review/texts/desk.py" line="62"/>
        <source>nothing to undo on post {id}</source>
        <translation>帖子 {id} 没有可撤销的操作</translation>
    </message>
    <message>
        <location filename="../../review/texts/desk.py" line="65"/>
        <source>post {id} changed since ({actor}: {kind}); that action can no longer be undone</source>
        <translation>帖子 {id} 之后又有更改（{actor}：{kind}）；该操作已无法撤销</translation>
    </message>
    <message>
        <location filename="../../review/texts/desk.py" line="68"/>
        <source>the latest action on post {id} is {actor}&apos;s ({kind}); only {actor} or a coordinator can take it back</source>
        <translation>帖子 {id} 的最新操作来自 {actor}（{kind}）；只有 {actor} 或协调员可以撤回</translation>
    </message>
    <message>
        <location filename="../../review/texts/desk.py" line="72"/>
        <source>a rewrite cannot be empty; to drop the post, reject it with a reason</source>
        <translation>改写不能为空；如要放弃该帖子，请说明理由并拒绝它</translation>
    </message>
    <message>
        <source>post {id}: the text is the same as revision {number}, so no revision was saved; a back-translation is saved together with a change of the text</source>
        <translation type="vanished">帖子 {id}：文本与第 {number} 版相同，因此没有保存新版本；回译会随文本的修改一起保存</translation>
    </message>
    <message>
        <location filename="../../review/texts/desk.py" line="77"/>
        <source>{decision} needs a reason (--reason TEXT): HQ reads it</source>
        <translation>{decision} 需要理由（--reason 文本）：总部会阅读</translation>
    </message>
    <message>
        <source>cannot approve post {id}: the checks found {count} open error(s):
{findings}
fix the text, dismiss a finding that does not apply (`review-desk dismiss`), or approve anyway with --despite-findings (the findings are recorded with the approval)</source>
        <translation type="vanished">无法批准帖子 {id}：检查发现 {count} 个未处理的错误：
{findings}
请修改文本、忽略不适用的发现（`review-desk dismiss`），或用 --despite-findings 仍然批准（这些发现会随批准一起记录）</translation>
    </message>
    <message>
        <location filename="../../review/texts/desk.py" line="90"/>
        <source>say why the check does not apply (--reason TEXT); HQ reads it</source>
        <translation>请说明该检查为何不适用（--reason 文本）；总部会阅读</translation>
    </message>
    <message>
        <location filename="../../review/texts/sync.py" line="7"/>
        <source>the server&apos;s address cannot be read; give it as postgresql://ROLE@HOST:PORT/DATABASE</source>
        <translation>无法读取服务器地址；请按 postgresql://ROLE@HOST:PORT/DATABASE 的格式填写</translation>
    </message>
    <message>
        <location filename="../../review/texts/sync.py" line="10"/>
        <source>the server&apos;s address {url} names no database or no role; give it as postgresql://ROLE@HOST:PORT/DATABASE</source>
        <translation>服务器地址 {url} 没有写明数据库或角色；请按 postgresql://ROLE@HOST:PORT/DATABASE 的格式填写</translation>
    </message>
    <message>
        <location filename="../../review/texts/sync.py" line="14"/>
        <source>cannot keep the server&apos;s password in {path}: {detail}</source>
        <translation>无法把服务器密码保存在 {path}：{detail}</translation>
    </message>
    <message>
        <location filename="../../review/texts/sync.py" line="17"/>
        <source>the server {server} failed: {detail}; nothing half-done was kept, sync again when it can be reached</source>
        <translation>服务器 {server} 出错：{detail}；没有保留任何做了一半的内容，能连接时请再同步</translation>
    </message>
    <message>
        <location filename="../../review/texts/sync.py" line="21"/>
        <source>{server} holds no Review Desk data; HQ sets it up with: review-desk server init URL</source>
        <translation>{server} 上没有 Review Desk 的数据；总部用以下命令设置：review-desk server init URL</translation>
    </message>
    <message>
        <location filename="../../review/texts/sync.py" line="24"/>
        <source>{server} was set up by a newer Review Desk (schema version {version}); update Review Desk on this computer</source>
        <translation>{server} 由较新版本的 Review Desk 设置（结构版本 {version}）；请更新这台电脑上的 Review Desk</translation>
    </message>
    <message>
        <location filename="../../review/texts/sync.py" line="28"/>
        <source>{server} holds Review Desk&apos;s schema version {version}, older than this Review Desk&apos;s; HQ brings it up to date with: review-desk server init URL</source>
        <translation>{server} 上的 Review Desk 数据结构为第 {version} 版，比本程序的旧；总部可用以下命令更新：review-desk server init URL</translation>
    </message>
    <message>
        <location filename="../../review/texts/sync.py" line="32"/>
        <source>no server to sync with yet; give its address once: review-desk sync --server postgresql://ROLE:PASSWORD@HOST/DATABASE</source>
        <translation>还没有可同步的服务器；请提供一次它的地址：review-desk sync --server postgresql://ROLE:PASSWORD@HOST/DATABASE</translation>
    </message>
    <message>
        <location filename="../../review/texts/sync.py" line="36"/>
        <source>batch {batch} was not sent: the server holds {count} of its event ids with other contents (first: {first}); nothing of the batch was sent, ask HQ</source>
        <translation>批次 {batch} 未发送：服务器上有 {count} 个相同编号但内容不同的事件（第一个：{first}）；该批次的内容都没有发送，请联系总部</translation>
    </message>
    <message>
        <location filename="../../review/texts/sync.py" line="40"/>
        <source>batch {batch} was not sent: the server holds some of its event ids in a batch this login may not see; nothing of the batch was sent, ask HQ</source>
        <translation>批次 {batch} 未发送：服务器上有些相同编号的事件属于此登录无权查看的批次；该批次的内容都没有发送，请联系总部</translation>
    </message>
    <message>
        <location filename="../../review/texts/sync.py" line="44"/>
        <source>batch {batch} was not sent: the server holds another batch of that name (created on another desk); import this one under another name</source>
        <translation>批次 {batch} 未发送：服务器上已有另一个同名批次（在另一台电脑上创建）；请用其他名称导入这个批次</translation>
    </message>
    <message>
        <location filename="../../review/texts/sync.py" line="48"/>
        <source>batch {batch} was not sent: the server does not let this login write those events (only reviewers&apos; actions, in a batch HQ granted); nothing of the batch was sent</source>
        <translation>批次 {batch} 未发送：服务器不允许此登录写入这些事件（在总部授权的批次中只能写入审阅人的操作）；该批次的内容都没有发送</translation>
    </message>
    <message>
        <location filename="../../review/texts/sync.py" line="52"/>
        <source>its payload is longer than {limit}, more than any event Review Desk writes; the batch was not received</source>
        <translation>它的内容超过 {limit}，比 Review Desk 写出的任何事件都长；该批次未被接收</translation>
    </message>
    <message>
        <location filename="../../review/texts/sync.py" line="56"/>
        <source>the glossary {name} on the server cannot be read ({detail}); glossaries and memory were not received, the events were; ask HQ to sync again</source>
        <translation>服务器上的术语表 {name} 无法读取（{detail}）；术语表和翻译记忆未接收，事件已接收；请总部重新同步</translation>
    </message>
    <message>
        <location filename="../../review/texts/sync.py" line="60"/>
        <source>the memory unit {key} on the server cannot be read ({detail}); glossaries and memory were not received, the events were; ask HQ to sync again</source>
        <translation>服务器上的记忆单元 {key} 无法读取（{detail}）；术语表和翻译记忆未接收，事件已接收；请总部重新同步</translation>
    </message>
    <message>
        <location filename="../../review/texts/sync.py" line="64"/>
        <source>it is longer than {limit}</source>
        <translation>它超过 {limit}</translation>
    </message>
    <message>
        <location filename="../../review/texts/sync.py" line="67"/>
        <source>batch {batch} was not received: the event {event} on the server, sent by {office}, is refused ({why}); HQ can take it off the server: review-desk server quarantine URL --event {event}</source>
        <translation>批次 {batch} 未接收：服务器上由 {office} 发送的事件 {event} 被拒绝（{why}）；总部可将其移出服务器：review-desk server quarantine URL --event {event}</translation>
    </message>
    <message>
        <location filename="../../review/texts/sync.py" line="72"/>
        <source>batch {batch} was not sent: {detail}; nothing of the batch was sent, ask HQ</source>
        <translation>批次 {batch} 未发送：{detail}；该批次的内容均未发送，请联系总部</translation>
    </message>
    <message>
        <location filename="../../review/texts/sync.py" line="75"/>
        <source>{server} holds no event {event}; the ids to quarantine are those `review-desk sync` names on HQ&apos;s desk</source>
        <translation>{server} 上没有事件 {event}；要隔离的事件编号是总部电脑上 `review-desk sync` 所列出的编号</translation>
    </message>
    <message>
        <location filename="../../review/texts/sync.py" line="79"/>
        <source>{server}: the role {role} does not own this database; create the database with the role HQ will use as its owner (CREATE DATABASE ... OWNER ...)</source>
        <translation>{server}：角色 {role} 不是此数据库的所有者；请以总部将使用的角色为所有者创建数据库（CREATE DATABASE ... OWNER ...）</translation>
    </message>
    <message>
        <location filename="../../review/texts/sync.py" line="83"/>
        <source>&quot;{office}&quot; cannot be an office&apos;s name: use 1 to 30 lower-case letters, digits, - or _, starting with a letter</source>
        <translation>“{office}”不能作为办公室名称：请使用 1 到 30 个小写字母、数字、- 或 _，并以字母开头</translation>
    </message>
    <message>
        <location filename="../../review/texts/sync.py" line="87"/>
        <source>the office {office} would log in as {role}, longer than the {limit} bytes PostgreSQL allows; choose a shorter name</source>
        <translation>办公室 {office} 的登录名将是 {role}，超过了 PostgreSQL 允许的 {limit} 字节；请选择更短的名称</translation>
    </message>
    <message>
        <location filename="../../review/texts/sync.py" line="91"/>
        <source>the office {office} exists already (its login role is {role}); its password was printed when it was added</source>
        <translation>办公室 {office} 已经存在（登录角色为 {role}）；它的密码在添加时已经显示过</translation>
    </message>
    <message>
        <location filename="../../review/texts/sync.py" line="95"/>
        <source>{server} has no office {office}; add it first: review-desk server add-office URL {office}</source>
        <translation>{server} 上没有办公室 {office}；请先添加：review-desk server add-office URL {office}</translation>
    </message>
    <message>
        <location filename="../../review/texts/sync.py" line="99"/>
        <source>{server} holds no batch {batch} yet; it arrives with the first sync of the desk that imported it</source>
        <translation>{server} 上还没有批次 {batch}；导入它的电脑第一次同步时会把它送上来</translation>
    </message>
    <message>
        <location filename="../../review/texts/sync.py" line="103"/>
        <source>{server}: only HQ&apos;s role may do this; {role} is not it</source>
        <translation>{server}：只有总部的角色可以这样做；{role} 不是总部的角色</translation>
    </message>
</context>
<context>
    <name>Operations</name>
    <message>
        <location filename="../../ui/operations.py" line="231"/>
        <source>Another action is still running: try again when it has ended.</source>
        <translation>另一项操作仍在进行：请在它结束后再试。</translation>
    </message>
    <message>
        <location filename="../../ui/operations.py" line="276"/>
        <source>Cancel</source>
        <translation>取消</translation>
    </message>
    <message>
        <location filename="../../ui/operations.py" line="331"/>
        <source>Review Desk</source>
        <translation>Review Desk</translation>
    </message>
</context>
<context>
    <name>PackageDialog</name>
    <message>
        <location filename="../../ui/exchange.py" line="39"/>
        <source>Send batch to reviewer</source>
        <translation>将批次发送给审校员</translation>
    </message>
    <message>
        <location filename="../../ui/exchange.py" line="39"/>
        <source>Return my work</source>
        <translation>交回我的工作</translation>
    </message>
    <message>
        <location filename="../../ui/exchange.py" line="42"/>
        <source>The reviewer&apos;s name, as in their profile</source>
        <translation>审校员的姓名（与其个人资料中一致）</translation>
    </message>
    <message>
        <source>Choose…</source>
        <translation type="vanished">选择…</translation>
    </message>
    <message>
        <location filename="../../ui/exchange.py" line="48"/>
        <source>Batch</source>
        <translation>批次</translation>
    </message>
    <message>
        <location filename="../../ui/exchange.py" line="50"/>
        <source>Reviewer</source>
        <translation>审校员</translation>
    </message>
    <message>
        <location filename="../../ui/exchange.py" line="52"/>
        <source>File</source>
        <translation>文件</translation>
    </message>
    <message>
        <source>The package holds the batch, every post&apos;s history, and the glossaries and memory it needs. The reviewer&apos;s open posts are assigned to them.</source>
        <translation type="vanished">审校包包含该批次、每条帖子的历史记录以及所需的术语表和翻译记忆。未完成的帖子将分配给该审校员。</translation>
    </message>
    <message>
        <location filename="../../ui/exchange.py" line="45"/>
        <source>Optional: names separated by commas, e.g. Tendai, Nomsa</source>
        <translation>可选：用逗号分隔的姓名，例如 Tendai, Nomsa</translation>
    </message>
    <message>
        <location filename="../../ui/exchange.py" line="51"/>
        <source>First share the batch between</source>
        <translation>先在以下审阅人之间分配批次</translation>
    </message>
    <message>
        <location filename="../../ui/exchange.py" line="55"/>
        <source>The package holds the batch&apos;s posts that are the reviewer&apos;s or nobody&apos;s, their history, and the glossaries and memory they need; the open posts that are nobody&apos;s are assigned to the reviewer. To share the batch between reviewers first (each language pair with one reviewer where it can, then evenly), name them all below, then send each one their package.</source>
        <translation>工作包包含该批次中属于此审阅人或未分配的帖子、它们的历史，以及所需的术语表和翻译记忆；未分配的待审帖子会分配给此审阅人。要先在多位审阅人之间分配批次（尽量让每个语言对归一位审阅人，其余平均分配），请在下面填写所有人的姓名，然后给每人发送各自的工作包。</translation>
    </message>
    <message>
        <location filename="../../ui/exchange.py" line="61"/>
        <source>The package holds what you did on this laptop for the batch. Send it to your coordinator.</source>
        <translation>审校包包含您在本机为该批次完成的工作。请将其发送给您的协调员。</translation>
    </message>
    <message>
        <location filename="../../ui/exchange.py" line="65"/>
        <source>This desk signs the package with its key %1. Whoever imports it sees that key: tell it to them (by phone, say), so they can check the package comes from you.</source>
        <translation>本机用密钥 %1 为工作包签名。导入它的人会看到这个密钥：请告诉对方（例如打电话），以便对方核实工作包确实来自您。</translation>
    </message>
    <message>
        <location filename="../../ui/exchange.py" line="70"/>
        <location filename="../../ui/exchange.py" line="87"/>
        <source>Save package</source>
        <translation>保存审校包</translation>
    </message>
    <message>
        <location filename="../../ui/exchange.py" line="87"/>
        <source>Review packages (*.rdpack)</source>
        <translation>审校包 (*.rdpack)</translation>
    </message>
</context>
<context>
    <name>PreferencesDialog</name>
    <message>
        <location filename="../../ui/dialogs.py" line="535"/>
        <source>Preferences</source>
        <translation>首选项</translation>
    </message>
    <message>
        <location filename="../../ui/dialogs.py" line="536"/>
        <source>Save</source>
        <translation>保存</translation>
    </message>
</context>
<context>
    <name>PreviewPanel</name>
    <message>
        <location filename="../../ui/preview_panel.py" line="68"/>
        <source>Preview</source>
        <translation>预览</translation>
    </message>
    <message>
        <location filename="../../ui/preview_panel.py" line="71"/>
        <source>As posted</source>
        <translation>按发布平台</translation>
    </message>
    <message>
        <location filename="../../ui/preview_panel.py" line="75"/>
        <source>Desktop</source>
        <translation>桌面端</translation>
    </message>
    <message>
        <location filename="../../ui/preview_panel.py" line="76"/>
        <source>Phone</source>
        <translation>手机</translation>
    </message>
    <message>
        <location filename="../../ui/preview_panel.py" line="123"/>
        <source>{platform} shows {limit} weighted characters (links 23, Chinese characters and emoji 2)</source>
        <translation>{platform} 显示 {limit} 个加权字符（链接计 23，汉字和表情符号计 2）</translation>
    </message>
    <message>
        <location filename="../../ui/preview_panel.py" line="127"/>
        <source>{platform} shows about {limit} characters or {lines} lines</source>
        <translation>{platform} 显示约 {limit} 个字符或 {lines} 行</translation>
    </message>
    <message>
        <location filename="../../ui/preview_panel.py" line="131"/>
        <source>{platform} shows about {limit} characters</source>
        <translation>{platform} 显示约 {limit} 个字符</translation>
    </message>
    <message>
        <location filename="../../ui/preview_panel.py" line="134"/>
        <source>the whole post is seen.</source>
        <translation>整条帖子都可见。</translation>
    </message>
    <message>
        <location filename="../../ui/preview_panel.py" line="135"/>
        <source>readers see the rest only if they open the post.</source>
        <translation>其余部分读者只有展开帖子才能看到。</translation>
    </message>
</context>
<context>
    <name>ProblemsDialog</name>
    <message>
        <location filename="../../ui/dialogs.py" line="327"/>
        <source>Copy</source>
        <translation>复制</translation>
    </message>
    <message>
        <location filename="../../ui/dialogs.py" line="333"/>
        <source>Nothing was imported. Fix these problems in the file and import it again:</source>
        <translation>未导入任何内容。请在文件中修正以下问题，然后重新导入：</translation>
    </message>
</context>
<context>
    <name>ProfileDialog</name>
    <message>
        <location filename="../../ui/dialogs.py" line="228"/>
        <source>Welcome to Review Desk</source>
        <translation>欢迎使用 Review Desk</translation>
    </message>
    <message>
        <location filename="../../ui/dialogs.py" line="231"/>
        <source>Your name, as colleagues and HQ know you</source>
        <translation>您的姓名（同事和总部平时对您的称呼）</translation>
    </message>
    <message>
        <location filename="../../ui/dialogs.py" line="233"/>
        <source>Reviewer</source>
        <translation>审校员</translation>
    </message>
    <message>
        <location filename="../../ui/dialogs.py" line="234"/>
        <source>Coordinator</source>
        <translation>协调员</translation>
    </message>
    <message>
        <location filename="../../ui/dialogs.py" line="237"/>
        <source>e.g. en, sn, nd</source>
        <translation>例如：en, sn, nd</translation>
    </message>
    <message>
        <location filename="../../ui/dialogs.py" line="243"/>
        <source>Name</source>
        <translation>姓名</translation>
    </message>
    <message>
        <location filename="../../ui/dialogs.py" line="244"/>
        <source>Role</source>
        <translation>角色</translation>
    </message>
    <message>
        <location filename="../../ui/dialogs.py" line="245"/>
        <source>Languages you review</source>
        <translation>您审校的语言</translation>
    </message>
    <message>
        <location filename="../../ui/dialogs.py" line="246"/>
        <source>Interface language</source>
        <translation>界面语言</translation>
    </message>
    <message>
        <location filename="../../ui/dialogs.py" line="249"/>
        <source>Review Desk keeps your name on every decision, rewrite and note, so HQ knows who to ask. Roles are a workflow aid on a shared laptop, not a password.</source>
        <translation>Review Desk 会在每项决定、改写和备注上记录您的姓名，以便总部知道该向谁询问。角色只是共用笔记本电脑上的工作流程辅助，并非密码。</translation>
    </message>
    <message>
        <location filename="../../ui/dialogs.py" line="252"/>
        <source>Start reviewing</source>
        <translation>开始审校</translation>
    </message>
</context>
<context>
    <name>QueueModel</name>
    <message>
        <location filename="../../ui/queue.py" line="161"/>
        <source>Pending</source>
        <translation>待审</translation>
    </message>
    <message>
        <location filename="../../ui/queue.py" line="161"/>
        <source>In review</source>
        <translation>审校中</translation>
    </message>
    <message>
        <location filename="../../ui/queue.py" line="162"/>
        <source>Approved</source>
        <translation>已批准</translation>
    </message>
    <message>
        <location filename="../../ui/queue.py" line="162"/>
        <source>Awaiting sign-off</source>
        <translation>待签核</translation>
    </message>
    <message>
        <location filename="../../ui/queue.py" line="163"/>
        <source>Changes requested</source>
        <translation>已要求修改</translation>
    </message>
    <message>
        <location filename="../../ui/queue.py" line="163"/>
        <source>Rejected</source>
        <translation>已拒绝</translation>
    </message>
    <message>
        <location filename="../../ui/queue.py" line="164"/>
        <source>Exported</source>
        <translation>已导出</translation>
    </message>
    <message>
        <location filename="../../ui/queue.py" line="164"/>
        <source>Conflict</source>
        <translation>冲突</translation>
    </message>
    <message>
        <location filename="../../ui/queue.py" line="167"/>
        <source>Other</source>
        <translation>其他</translation>
    </message>
    <message>
        <location filename="../../ui/queue.py" line="168"/>
        <source>State</source>
        <translation>状态</translation>
    </message>
    <message>
        <location filename="../../ui/queue.py" line="168"/>
        <source>Platform</source>
        <translation>平台</translation>
    </message>
    <message>
        <location filename="../../ui/queue.py" line="168"/>
        <source>Languages</source>
        <translation>语言</translation>
    </message>
    <message>
        <location filename="../../ui/queue.py" line="169"/>
        <source>Text</source>
        <translation>文本</translation>
    </message>
    <message>
        <location filename="../../ui/queue.py" line="169"/>
        <source>Problems</source>
        <translation>问题</translation>
    </message>
    <message>
        <location filename="../../ui/queue.py" line="169"/>
        <source>Reviewer</source>
        <translation>审校员</translation>
    </message>
    <message>
        <location filename="../../ui/queue.py" line="170"/>
        <source>Scheduled</source>
        <translation>计划发布时间</translation>
    </message>
    <message>
        <location filename="../../ui/queue.py" line="170"/>
        <source>Batch</source>
        <translation>批次</translation>
    </message>
    <message>
        <location filename="../../ui/queue.py" line="170"/>
        <source>ID</source>
        <translation>ID</translation>
    </message>
    <message>
        <location filename="../../ui/queue.py" line="350"/>
        <source>Schedule passed: approved after its scheduled time, or waiting for sign-off past it. Do not publish it as planned.</source>
        <translation>已过排定时间：在排定发布时间之后才批准，或过了该时间仍在等待签核。请勿按原计划发布。</translation>
    </message>
</context>
<context>
    <name>QueueWidget</name>
    <message>
        <location filename="../../ui/queue.py" line="657"/>
        <source>Search source, draft and rewrites</source>
        <translation>搜索原文、草稿和改写</translation>
    </message>
    <message>
        <location filename="../../ui/queue.py" line="658"/>
        <source>Search the source text, the HQ draft and every rewrite</source>
        <translation>搜索原文、总部草稿和所有改写</translation>
    </message>
    <message>
        <location filename="../../ui/queue.py" line="659"/>
        <source>Has problems</source>
        <translation>有问题</translation>
    </message>
    <message>
        <location filename="../../ui/queue.py" line="660"/>
        <source>Assigned to me</source>
        <translation>分配给我的</translation>
    </message>
    <message>
        <location filename="../../ui/queue.py" line="661"/>
        <source>Batch</source>
        <translation>批次</translation>
    </message>
    <message>
        <location filename="../../ui/queue.py" line="662"/>
        <source>State</source>
        <translation>状态</translation>
    </message>
    <message>
        <location filename="../../ui/queue.py" line="663"/>
        <source>Language pair</source>
        <translation>语言对</translation>
    </message>
    <message>
        <location filename="../../ui/queue.py" line="664"/>
        <source>Platform</source>
        <translation>平台</translation>
    </message>
    <message>
        <location filename="../../ui/queue.py" line="671"/>
        <source>All batches</source>
        <translation>所有批次</translation>
    </message>
    <message>
        <location filename="../../ui/queue.py" line="673"/>
        <source>All states</source>
        <translation>所有状态</translation>
    </message>
    <message>
        <location filename="../../ui/queue.py" line="675"/>
        <source>All languages</source>
        <translation>所有语言</translation>
    </message>
    <message>
        <location filename="../../ui/queue.py" line="677"/>
        <source>All platforms</source>
        <translation>所有平台</translation>
    </message>
</context>
<context>
    <name>ReasonDialog</name>
    <message>
        <location filename="../../ui/dialogs.py" line="280"/>
        <source>%1 saves; Enter starts a new line</source>
        <translation>%1 保存；回车换行</translation>
    </message>
</context>
<context>
    <name>ReportDialog</name>
    <message>
        <location filename="../../ui/dashboard.py" line="277"/>
        <source>Write review report</source>
        <translation>生成审校报告</translation>
    </message>
    <message>
        <location filename="../../ui/dashboard.py" line="279"/>
        <source>All batches</source>
        <translation>全部批次</translation>
    </message>
    <message>
        <source>Choose…</source>
        <translation type="vanished">选择…</translation>
    </message>
    <message>
        <location filename="../../ui/dashboard.py" line="282"/>
        <source>Batch</source>
        <translation>批次</translation>
    </message>
    <message>
        <location filename="../../ui/dashboard.py" line="283"/>
        <source>File</source>
        <translation>文件</translation>
    </message>
    <message>
        <location filename="../../ui/dashboard.py" line="286"/>
        <source>One HTML file for HQ: decisions, MQM scores, annotations, rewrites and charts. It needs no network and no other file.</source>
        <translation>给总部的单个 HTML 文件：决定、MQM 评分、标注、改写和图表。无需网络，也不依赖其他文件。</translation>
    </message>
    <message>
        <location filename="../../ui/dashboard.py" line="289"/>
        <source>Write report</source>
        <translation>生成报告</translation>
    </message>
    <message>
        <location filename="../../ui/dashboard.py" line="297"/>
        <source>Write report to</source>
        <translation>报告保存到</translation>
    </message>
    <message>
        <location filename="../../ui/dashboard.py" line="297"/>
        <source>Web pages (*.html)</source>
        <translation>网页 (*.html)</translation>
    </message>
</context>
<context>
    <name>ReviewPane</name>
    <message>
        <location filename="../../ui/review_pane.py" line="277"/>
        <source>Restored the rewrite you had not saved ({time})</source>
        <translation>已恢复您未保存的改写（{time}）</translation>
    </message>
    <message>
        <location filename="../../ui/review_pane.py" line="279"/>
        <source>Restored the rewrite you had not saved</source>
        <translation>已恢复您未保存的改写</translation>
    </message>
    <message>
        <location filename="../../ui/review_pane.py" line="291"/>
        <source>Difference</source>
        <translation>差异</translation>
    </message>
    <message>
        <location filename="../../ui/review_pane.py" line="292"/>
        <source>Preview</source>
        <translation>预览</translation>
    </message>
    <message>
        <location filename="../../ui/review_pane.py" line="302"/>
        <source>Rewrite the draft here…</source>
        <translation>在此改写草稿…</translation>
    </message>
    <message>
        <location filename="../../ui/review_pane.py" line="304"/>
        <source>Plain gloss of your rewrite for HQ (optional)</source>
        <translation>用平实的语言为总部回译您的改写（可选）</translation>
    </message>
    <message>
        <location filename="../../ui/review_pane.py" line="306"/>
        <source>As you rewrite, the changes to the HQ draft show here.</source>
        <translation>改写时，此处会显示相对于总部草稿的改动。</translation>
    </message>
    <message>
        <location filename="../../ui/review_pane.py" line="310"/>
        <source>Source</source>
        <translation>原文</translation>
    </message>
    <message>
        <location filename="../../ui/review_pane.py" line="310"/>
        <location filename="../../ui/review_pane.py" line="727"/>
        <source>HQ draft</source>
        <translation>总部草稿</translation>
    </message>
    <message>
        <location filename="../../ui/review_pane.py" line="310"/>
        <source>Rewrite</source>
        <translation>改写</translation>
    </message>
    <message>
        <location filename="../../ui/review_pane.py" line="313"/>
        <source>Back-translation for HQ</source>
        <translation>供总部阅读的回译</translation>
    </message>
    <message>
        <location filename="../../ui/review_pane.py" line="314"/>
        <source>Difference to the HQ draft</source>
        <translation>与总部草稿的差异</translation>
    </message>
    <message>
        <source>Only the back-translation changed: it is kept and saved with your next change of the text (a revision is a text).</source>
        <translation type="vanished">只修改了回译：它会被保留，并在你下次修改文本时一起保存（每个版本对应一段文本）。</translation>
    </message>
    <message>
        <location filename="../../ui/review_pane.py" line="317"/>
        <source>HQ: %1</source>
        <translation>总部：%1</translation>
    </message>
    <message>
        <location filename="../../ui/review_pane.py" line="490"/>
        <source>Only the back-translation changed: Save (Ctrl+S) gives revision %1 this back-translation; the text stays as it is.</source>
        <translation>只有回译改变了：保存（Ctrl+S）会把这条回译给修订 %1；文本保持不变。</translation>
    </message>
    <message>
        <location filename="../../ui/review_pane.py" line="642"/>
        <source>Keep it as it is (do not translate).</source>
        <translation>保留原样（不翻译）。</translation>
    </message>
    <message>
        <location filename="../../ui/review_pane.py" line="644"/>
        <location filename="../../ui/review_pane.py" line="657"/>
        <source>Say: {renderings}</source>
        <translation>应使用：{renderings}</translation>
    </message>
    <message>
        <location filename="../../ui/review_pane.py" line="647"/>
        <source>Avoid: {renderings}</source>
        <translation>避免：{renderings}</translation>
    </message>
    <message>
        <location filename="../../ui/review_pane.py" line="654"/>
        <source>&apos;{text}&apos;: {status} rendering</source>
        <translation>“{text}”：{status}译法</translation>
    </message>
    <message>
        <source>Inline code {label}: keep it once, where it belongs (copy it from the source if it is missing).</source>
        <translation type="vanished">内嵌代码 {label}：在该在的位置保留一次（如果缺少，请从原文复制）。</translation>
    </message>
    <message>
        <location filename="../../ui/review_pane.py" line="672"/>
        <source>Inline code {token} ({label}): keep it once, where it belongs (Ctrl+T puts the next missing code at the cursor).</source>
        <translation>内联代码 {token}（{label}）：在正确位置保留一次（Ctrl+T 在光标处插入下一个缺少的代码）。</translation>
    </message>
    <message>
        <location filename="../../ui/review_pane.py" line="688"/>
        <source>Annotation: {category}, {severity}</source>
        <translation>批注：{category}，{severity}</translation>
    </message>
    <message>
        <location filename="../../ui/review_pane.py" line="691"/>
        <source>(resolved)</source>
        <translation>（已解决）</translation>
    </message>
    <message>
        <location filename="../../ui/review_pane.py" line="706"/>
        <source>preferred</source>
        <translation>首选</translation>
    </message>
    <message>
        <location filename="../../ui/review_pane.py" line="707"/>
        <source>allowed</source>
        <translation>可用</translation>
    </message>
    <message>
        <location filename="../../ui/review_pane.py" line="708"/>
        <source>deprecated</source>
        <translation>不推荐</translation>
    </message>
    <message>
        <location filename="../../ui/review_pane.py" line="709"/>
        <source>forbidden</source>
        <translation>禁用</translation>
    </message>
    <message>
        <location filename="../../ui/review_pane.py" line="717"/>
        <source>YouTube title</source>
        <translation>YouTube 标题</translation>
    </message>
    <message>
        <location filename="../../ui/review_pane.py" line="725"/>
        <source>{over} over</source>
        <translation>超出 {over}</translation>
    </message>
    <message>
        <location filename="../../ui/review_pane.py" line="734"/>
        <source>Length of the post; no limit is known for {platform}.</source>
        <translation>帖子长度；{platform} 的长度上限未知。</translation>
    </message>
    <message>
        <location filename="../../ui/review_pane.py" line="737"/>
        <source>X counts each Chinese, Japanese or Korean character and each emoji as 2, and every link as 23.</source>
        <translation>X 将每个中文、日文或韩文字符及每个表情符号计为 2，每个链接计为 23。</translation>
    </message>
    <message>
        <location filename="../../ui/review_pane.py" line="740"/>
        <source>{platform} counts characters.</source>
        <translation>{platform} 按字符计数。</translation>
    </message>
    <message>
        <location filename="../../ui/review_pane.py" line="742"/>
        <source>Too long for {platform}: {count} counted, the limit is {limit}. Shorten it by {over}.</source>
        <translation>超出 {platform} 的长度上限：计数为 {count}，上限为 {limit}。请缩短 {over}。</translation>
    </message>
    <message>
        <location filename="../../ui/review_pane.py" line="746"/>
        <source>Length as {platform} counts it; the limit is {limit}.</source>
        <translation>按 {platform} 规则计算的长度；上限为 {limit}。</translation>
    </message>
</context>
<context>
    <name>ReviewerModel</name>
    <message>
        <location filename="../../ui/dashboard.py" line="53"/>
        <source>Reviewer</source>
        <translation>审校人员</translation>
    </message>
    <message>
        <location filename="../../ui/dashboard.py" line="53"/>
        <source>Posts decided</source>
        <translation>已决定的帖子</translation>
    </message>
    <message>
        <location filename="../../ui/dashboard.py" line="53"/>
        <source>Approved</source>
        <translation>已批准</translation>
    </message>
    <message>
        <location filename="../../ui/dashboard.py" line="54"/>
        <source>Changes requested</source>
        <translation>已要求修改</translation>
    </message>
    <message>
        <location filename="../../ui/dashboard.py" line="54"/>
        <source>Rejected</source>
        <translation>已拒绝</translation>
    </message>
    <message>
        <location filename="../../ui/dashboard.py" line="54"/>
        <source>Signed off</source>
        <translation>已签批</translation>
    </message>
    <message>
        <location filename="../../ui/dashboard.py" line="55"/>
        <source>Rewrites</source>
        <translation>改写</translation>
    </message>
    <message>
        <location filename="../../ui/dashboard.py" line="55"/>
        <source>Annotations</source>
        <translation>标注</translation>
    </message>
</context>
<context>
    <name>ShortcutsDialog</name>
    <message>
        <location filename="../../ui/dialogs.py" line="546"/>
        <source>Keyboard shortcuts</source>
        <translation>键盘快捷键</translation>
    </message>
    <message>
        <location filename="../../ui/dialogs.py" line="552"/>
        <source>Action</source>
        <translation>操作</translation>
    </message>
    <message>
        <location filename="../../ui/dialogs.py" line="552"/>
        <source>Shortcut</source>
        <translation>快捷键</translation>
    </message>
    <message>
        <location filename="../../ui/dialogs.py" line="567"/>
        <source>When a post is shown the keyboard is in its rewrite: typing rewrites. Alt+1, Alt+2 and Alt+3 go to the queue, the rewrite and the hints; Tab and Shift+Tab go round the window.</source>
        <translation>显示帖子时，键盘焦点在改写框：直接输入即是改写。Alt+1、Alt+2、Alt+3 分别转到队列、改写和提示；Tab 和 Shift+Tab 在窗口各部分之间依次移动。</translation>
    </message>
    <message>
        <location filename="../../ui/dialogs.py" line="578"/>
        <source>Next / previous part of the window (the queue, the rewrite, its back-translation, the hints&apos; buttons, source, draft, search)</source>
        <translation>窗口的下一部分 / 上一部分（队列、改写、回译、提示栏按钮、原文、草稿、搜索）</translation>
    </message>
    <message>
        <location filename="../../ui/dialogs.py" line="581"/>
        <source>In the queue: move through the posts (each is shown; the keyboard stays in the queue)</source>
        <translation>在队列中：逐条浏览帖子（每条都会显示；键盘焦点留在队列中）</translation>
    </message>
    <message>
        <location filename="../../ui/dialogs.py" line="582"/>
        <source>In the queue: go to the rewrite of the post shown</source>
        <translation>在队列中：转到当前帖子的改写框</translation>
    </message>
    <message>
        <location filename="../../ui/dialogs.py" line="583"/>
        <source>In the search box: show the first post found and go to its rewrite</source>
        <translation>在搜索框中：显示找到的第一条帖子并转到它的改写框</translation>
    </message>
    <message>
        <location filename="../../ui/dialogs.py" line="584"/>
        <source>In the search box: clear the search and go back to the rewrite</source>
        <translation>在搜索框中：清除搜索并回到改写框</translation>
    </message>
    <message>
        <location filename="../../ui/dialogs.py" line="585"/>
        <source>In the rewrite or its back-translation: undo / redo typing (elsewhere: the last review action)</source>
        <translation>在改写框或回译框中：撤销 / 重做输入（在其他地方：最近一次审阅操作）</translation>
    </message>
    <message>
        <location filename="../../ui/dialogs.py" line="587"/>
        <source>In the source, draft or rewrite: select text to annotate (Ctrl+M)</source>
        <translation>在原文、草稿或改写中：选择要批注的文字（Ctrl+M）</translation>
    </message>
    <message>
        <location filename="../../ui/dialogs.py" line="588"/>
        <source>On a button (Dismiss…, Insert, Keep this version): press it</source>
        <translation>在按钮上（忽略…、插入、保留此版本）：按下它</translation>
    </message>
    <message>
        <location filename="../../ui/dialogs.py" line="589"/>
        <source>In a dialog with a text box (reason, dismiss, annotation): save it</source>
        <translation>在带文本框的对话框中（原因、忽略、批注）：保存</translation>
    </message>
    <message>
        <location filename="../../ui/dialogs.py" line="590"/>
        <source>In such a text box: a new line</source>
        <translation>在这类文本框中：换行</translation>
    </message>
    <message>
        <location filename="../../ui/dialogs.py" line="591"/>
        <source>Cancel a dialog; close any window but the main one (dashboard, shortcuts, conflicts, report, problems)</source>
        <translation>取消对话框；关闭主窗口以外的任何窗口（仪表板、快捷键、冲突、报告、问题列表）</translation>
    </message>
    <message>
        <location filename="../../ui/dialogs.py" line="593"/>
        <source>In the annotation dialog: the severity (neutral, minor, major, critical)</source>
        <translation>在批注对话框中：严重程度（中性、轻微、重大、严重）</translation>
    </message>
    <message>
        <location filename="../../ui/dialogs.py" line="594"/>
        <source>In the dashboard: read the figures again</source>
        <translation>在仪表板中：重新读取数据</translation>
    </message>
    <message>
        <location filename="../../ui/dialogs.py" line="595"/>
        <source>Open the File, Edit, Review, View or Help menu</source>
        <translation>打开“文件”“编辑”“审阅”“视图”或“帮助”菜单</translation>
    </message>
</context>
<context>
    <name>SyncControl</name>
    <message>
        <location filename="../../ui/sync.py" line="45"/>
        <source>never</source>
        <translation>从未</translation>
    </message>
    <message>
        <location filename="../../ui/sync.py" line="46"/>
        <source>Last sync %1</source>
        <translation>上次同步 %1</translation>
    </message>
    <message numerus="yes">
        <location filename="../../ui/sync.py" line="47"/>
        <source>%n event(s) waiting</source>
        <translation>
            <numerusform>%n 个事件等待发送</numerusform>
        </translation>
    </message>
    <message>
        <location filename="../../ui/sync.py" line="70"/>
        <source>Sync now</source>
        <translation>立即同步</translation>
    </message>
    <message>
        <location filename="../../ui/sync.py" line="71"/>
        <source>The server&apos;s address, as HQ gave it (postgresql://…). Its password is kept in a file only you can read, not in the database.</source>
        <translation>服务器地址，按总部提供的填写（postgresql://…）。密码保存在只有你能读取的文件中，不保存在数据库里。</translation>
    </message>
    <message>
        <location filename="../../ui/sync.py" line="81"/>
        <source>Syncing with the server…</source>
        <translation>正在与服务器同步…</translation>
    </message>
    <message>
        <location filename="../../ui/sync.py" line="83"/>
        <location filename="../../ui/sync.py" line="96"/>
        <source>The sync was not complete</source>
        <translation>同步未完成</translation>
    </message>
    <message>
        <location filename="../../ui/sync.py" line="86"/>
        <source>Synced: %1 sent, %2 received</source>
        <translation>已同步：发送 %1 个，接收 %2 个</translation>
    </message>
    <message>
        <location filename="../../ui/sync.py" line="89"/>
        <source>Not sent (the server holds the batch for others; ask HQ to grant it): %1</source>
        <translation>未发送（服务器为其他办公室保留了该批次；请总部授权）：%1</translation>
    </message>
    <message numerus="yes">
        <location filename="../../ui/sync.py" line="92"/>
        <source>%n post(s) in conflict: Review &gt; Resolve conflict…</source>
        <translation>
            <numerusform>%n 条帖子存在冲突：审校 &gt; 解决冲突…</numerusform>
        </translation>
    </message>
    <message>
        <location filename="../../ui/sync.py" line="101"/>
        <source>Automatic sync: %1</source>
        <translation>自动同步：%1</translation>
    </message>
</context>
<context>
    <name>TaskRunner</name>
    <message>
        <source>Cancel</source>
        <translation type="vanished">取消</translation>
    </message>
    <message>
        <source>Working…</source>
        <translation type="vanished">处理中…</translation>
    </message>
</context>
<context>
    <name>Undo</name>
    <message>
        <location filename="../../ui/undo.py" line="88"/>
        <source>The post has changed since it was assigned: the assignment can no longer be taken back or done again from here; use Review &gt; Assign to… instead.</source>
        <translation>这条帖子在分配之后已有变化：无法再从这里撤销或重做这次分配；请改用“审校 &gt; 分配给…”。</translation>
    </message>
    <message>
        <location filename="../../ui/undo.py" line="160"/>
        <source>Keeping a version of a post in conflict cannot be undone: the other versions stay in the post&apos;s history.</source>
        <translation>保留冲突帖子的某个版本后无法撤销：其他版本仍保留在该帖子的历史记录中。</translation>
    </message>
</context>
<context>
    <name>VersionPanel</name>
    <message>
        <location filename="../../ui/exchange.py" line="119"/>
        <source>%1 by %2</source>
        <translation>%1（%2）</translation>
    </message>
    <message>
        <location filename="../../ui/exchange.py" line="125"/>
        <source>At %1</source>
        <translation>时间：%1</translation>
    </message>
    <message>
        <location filename="../../ui/exchange.py" line="127"/>
        <source>Reason: %1</source>
        <translation>原因：%1</translation>
    </message>
    <message>
        <location filename="../../ui/exchange.py" line="131"/>
        <source>Text (revision %1)</source>
        <translation>文本（修订版 %1）</translation>
    </message>
    <message>
        <location filename="../../ui/exchange.py" line="135"/>
        <source>Back-translation: %1</source>
        <translation>回译：%1</translation>
    </message>
    <message numerus="yes">
        <location filename="../../ui/exchange.py" line="138"/>
        <source>Annotations: %n</source>
        <translation>
            <numerusform>批注：%n 条</numerusform>
        </translation>
    </message>
    <message>
        <location filename="../../ui/exchange.py" line="141"/>
        <source>Keep this version</source>
        <translation>保留此版本</translation>
    </message>
</context>
<context>
    <name>XliffImportDialog</name>
    <message>
        <location filename="../../ui/dialogs.py" line="452"/>
        <source>Import XLIFF</source>
        <translation>导入 XLIFF</translation>
    </message>
    <message>
        <location filename="../../ui/dialogs.py" line="453"/>
        <source>Choose a platform…</source>
        <translation>选择平台…</translation>
    </message>
    <message>
        <location filename="../../ui/dialogs.py" line="455"/>
        <source>only if the file does not say, e.g. sn</source>
        <translation>仅在文件未注明时填写，例如 sn</translation>
    </message>
    <message>
        <location filename="../../ui/dialogs.py" line="457"/>
        <source>Platform of the posts</source>
        <translation>帖子所属平台</translation>
    </message>
    <message>
        <location filename="../../ui/dialogs.py" line="458"/>
        <source>Target language</source>
        <translation>目标语言</translation>
    </message>
    <message>
        <location filename="../../ui/dialogs.py" line="461"/>
        <source>%1 is an XLIFF file. XLIFF does not say which platform a post is for: choose it (posts exported by Review Desk keep their own).</source>
        <translation>%1 是 XLIFF 文件。XLIFF 不记录帖子所属的平台：请选择（由 Review Desk 导出的帖子保留各自的平台）。</translation>
    </message>
    <message>
        <location filename="../../ui/dialogs.py" line="464"/>
        <source>Import</source>
        <translation>导入</translation>
    </message>
</context>
<context>
    <name>startup</name>
    <message>
        <location filename="../../ui/startup.py" line="25"/>
        <source>Review Desk is already open on {path}. Switch to that window, or close it first.</source>
        <translation>Review Desk 已在使用 {path}。请切换到该窗口，或先将其关闭。</translation>
    </message>
    <message>
        <location filename="../../ui/startup.py" line="87"/>
        <source>{error}

Restore the newest intact backup, taken {taken}? The damaged database is kept next to it under another name.</source>
        <translation>{error}

要恢复最新的完好备份（备份于 {taken}）吗？损坏的数据库会以另一个名字保留在旁边。</translation>
    </message>
    <message>
        <location filename="../../ui/startup.py" line="90"/>
        <source>Restore backup</source>
        <translation>恢复备份</translation>
    </message>
    <message>
        <location filename="../../ui/startup.py" line="91"/>
        <source>Quit</source>
        <translation>退出</translation>
    </message>
</context>
</TS>
