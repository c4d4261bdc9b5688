/**
 * The web app's own words in Chinese (default) and English. Vocabulary labels of the catalog (share
 * types, grades …) come from src/domain/catalog/labels.ts and role names from src/domain/access/roles.ts,
 * so they are not repeated here. `{name}` placeholders are filled by `t(key, { name })`.
 */
import { createContext, createElement, useCallback, useContext, useEffect, useMemo, useState, type ReactNode } from 'react';
import dayjs from 'dayjs';
import 'dayjs/locale/zh-cn.js';
import { setApiLanguage, type Lang } from './api.ts';

export type { Lang };

const messages = {
  // Application frame
  'app.title': ['晋城市政务数据共享交换平台', 'Jincheng Government Data Sharing & Exchange Platform'],
  'app.short': ['政务数据共享交换平台', 'Data Sharing Platform'],
  'app.footer': ['晋城市大数据应用局 · 依据晋市政办〔2024〕1号、4号', 'Jincheng Big Data Application Bureau · per Jinshi Zhengban [2024] No. 1 and No. 4'],
  'lang.switch': ['English', '中文'],
  'lang.label': ['语言', 'Language'],
  'header.logout': ['退出登录', 'Log out'],
  'header.roles': ['角色', 'Roles'],

  // Navigation
  'nav.discovery': ['目录检索', 'Catalog search'],
  'nav.mine': ['本部门目录', 'My catalog'],
  'nav.review': ['目录审核', 'Catalog review'],
  'nav.withdrawals': ['撤销申请', 'Withdrawals'],
  'nav.changeEvents': ['变更事件', 'Change events'],
  'nav.importExport': ['导入导出', 'Import / export'],
  'nav.audit': ['审计日志', 'Audit log'],
  'nav.admin': ['组织与用户', 'Orgs & users'],
  'nav.catalogGroup': ['目录管理', 'Catalog'],
  'nav.superviseGroup': ['监督与安全', 'Oversight'],

  // Login
  'login.title': ['用户登录', 'Sign in'],
  'login.subtitle': ['政务部门工作人员使用统一账号登录', 'Staff of government departments sign in with their platform account'],
  'login.username': ['用户名', 'Username'],
  'login.password': ['密码', 'Password'],
  'login.submit': ['登录', 'Sign in'],
  'login.usernameRequired': ['请输入用户名', 'Enter your username'],
  'login.passwordRequired': ['请输入密码', 'Enter your password'],
  'login.failed': ['登录失败', 'Sign-in failed'],
  'login.locked': ['账号已锁定', 'Account locked'],
  'login.lockedHint': ['连续多次密码错误后账号将临时锁定，请稍后再试或联系管理员（安全细则第十四条）。', 'After repeated wrong passwords the account is locked for a while; try again later or contact the administrator (security rules §14).'],
  'login.notice': ['本系统仅供授权人员使用，所有操作均记录审计日志。', 'For authorised staff only. Every operation is recorded in the audit log.'],

  // Common
  'common.search': ['搜索', 'Search'],
  'common.reset': ['重置', 'Reset'],
  'common.loadMore': ['加载更多', 'Load more'],
  'common.noMore': ['已全部加载', 'All loaded'],
  'common.total': ['共 {n} 条', '{n} in total'],
  'common.loading': ['加载中…', 'Loading…'],
  'common.cancel': ['取消', 'Cancel'],
  'common.confirm': ['确定', 'OK'],
  'common.save': ['保存', 'Save'],
  'common.submit': ['提交', 'Submit'],
  'common.close': ['关闭', 'Close'],
  'common.edit': ['编辑', 'Edit'],
  'common.view': ['查看', 'View'],
  'common.back': ['返回', 'Back'],
  'common.yes': ['是', 'Yes'],
  'common.no': ['否', 'No'],
  'common.none': ['无', 'None'],
  'common.all': ['全部', 'All'],
  'common.actions': ['操作', 'Actions'],
  'common.refresh': ['刷新', 'Refresh'],
  'common.requestId': ['请求编号', 'Request ID'],
  'common.error': ['出错了', 'Something went wrong'],
  'common.retry': ['重试', 'Retry'],
  'common.empty': ['暂无数据', 'No data'],
  'common.success': ['操作成功', 'Done'],
  'common.comment': ['意见', 'Comment'],
  'common.reason': ['理由', 'Reason'],
  'common.status': ['状态', 'Status'],
  'common.time': ['时间', 'Time'],
  'common.from': ['开始日期', 'From'],
  'common.to': ['结束日期', 'To'],
  'common.required': ['必填', 'Required'],
  'common.add': ['添加', 'Add'],
  'common.remove': ['删除', 'Remove'],
  'common.optional': ['选填', 'Optional'],
  'common.unknown': ['未知', 'Unknown'],
  'common.forbidden': ['您没有访问此页面的权限。', 'You do not have access to this page.'],
  'common.notFound': ['页面不存在。', 'Page not found.'],
  'common.home': ['返回首页', 'Go home'],
  'common.workdays': ['{n} 个工作日', '{n} working days'],

  // Discovery
  'discovery.title': ['政务数据资源目录检索', 'Government data catalog search'],
  'discovery.hint': ['按名称、摘要、数据项检索已发布的目录（细则第二十七条）', 'Search published entries by name, summary and data items (§27)'],
  'discovery.placeholder': ['输入中文关键词，如：重点工程、不可移动文物、特种设备', 'Chinese keywords, e.g. 重点工程, 不可移动文物, 特种设备'],
  'discovery.col.department': ['部门资源', 'By department'],
  'discovery.col.theme': ['政务主题', 'By theme'],
  'discovery.col.cascade': ['省市级联', 'Province–city cascade'],
  'discovery.facets': ['筛选', 'Filters'],
  'discovery.clearFilters': ['清除筛选', 'Clear filters'],
  'discovery.sort': ['排序', 'Sort'],
  'discovery.sort.relevance': ['相关度', 'Relevance'],
  'discovery.sort.updated': ['最近更新', 'Recently updated'],
  'discovery.sort.name': ['名称', 'Name'],
  'discovery.sort.code': ['资源代码', 'Code'],
  'discovery.results': ['共找到 {n} 条目录', '{n} entries found'],
  'discovery.noResults': ['没有符合条件的目录', 'No matching entries'],
  'discovery.items': ['{n} 个数据项', '{n} data items'],
  'discovery.export': ['导出结果', 'Export results'],
  'discovery.updatedAt': ['更新于 {d}', 'Updated {d}'],

  // Facet names
  'facet.regionCode': ['行政区划', 'Region'],
  'facet.providerId': ['提供部门', 'Provider'],
  'facet.categoryKind': ['资源分类', 'Category'],
  'facet.shareType': ['共享属性', 'Share type'],
  'facet.shareMethod': ['共享方式', 'Share method'],
  'facet.openType': ['开放属性', 'Open type'],
  'facet.grade': ['数据分级', 'Grade'],
  'facet.updateCycle': ['更新周期', 'Update cycle'],
  'facet.status': ['状态', 'Status'],

  // Entry fields not covered by the domain labels
  'entry.code': ['资源代码', 'Resource code'],
  'entry.codePending': ['审核通过后赋码', 'Assigned on approval'],
  'entry.provider': ['提供部门', 'Provider'],
  'entry.region': ['行政区划', 'Region'],
  'entry.status': ['目录状态', 'Status'],
  'entry.version': ['版本', 'Version'],
  'entry.versionN': ['第 {n} 版', 'Version {n}'],
  'entry.workingVersion': ['工作版本', 'Working version'],
  'entry.publishedVersion': ['发布版本', 'Published version'],
  'entry.publishedAt': ['发布日期', 'Published on'],
  'entry.updatedAt': ['更新时间', 'Updated'],
  'entry.createdAt': ['创建时间', 'Created'],
  'entry.returnedTitle': ['该目录已被主管部门退回，请按审核意见修改后重新提交', 'The authority returned this entry: change it as the comment asks and submit again'],
  'entry.changePending': ['有 {n} 个法规/职能变更事件待更新目录（细则第十二条）', '{n} law/function change events require an update (§12)'],
  'entry.fieldsTab': ['目录要素', 'Entry fields'],
  'entry.basics': ['基本信息', 'Basic information'],
  'entry.classification': ['分类分级', 'Classification and grading'],
  'entry.sharing': ['共享与开放', 'Sharing and opening'],
  'entry.dictionary': ['数据项（数据字典）', 'Data items (dictionary)'],
  'entry.versions': ['版本历史', 'Version history'],
  'entry.events': ['处理记录', 'History'],
  'entry.changeEvents': ['变更事件', 'Change events'],
  'entry.issues': ['一致性检查', 'Consistency check'],
  'entry.noIssues': ['未发现问题', 'No issues found'],
  'entry.viewingVersion': ['正在查看第 {n} 版', 'Viewing version {n}'],
  'entry.viewLatest': ['查看最新版本', 'View latest'],
  'entry.withdrawal': ['撤销申请', 'Withdrawal request'],
  'entry.withdrawalPending': ['该目录已申请撤销，待主管部门审核（细则第十九条）', 'Withdrawal requested; awaiting the authority (§19)'],
  'entry.withdrawn': ['该目录已撤销', 'This entry has been withdrawn'],
  'entry.withdrawalRejected': ['撤销申请已被驳回', 'The withdrawal request was rejected'],
  'entry.category.item': ['项', 'Item'],
  'entry.category.subItem': ['目', 'Sub-item'],
  'entry.important.yes': ['重要数据', 'Important data'],
  'entry.key': ['主键', 'Key'],
  'entry.itemIndex': ['序号', 'No.'],

  // Entry actions
  'action.edit': ['编辑目录', 'Edit'],
  'action.submit': ['提交审核', 'Submit for review'],
  'action.approve': ['审核通过', 'Approve'],
  'action.reject': ['退回修改', 'Return'],
  'action.requestWithdrawal': ['申请撤销', 'Request withdrawal'],
  'action.decideWithdrawal': ['审核撤销', 'Decide withdrawal'],
  'action.recordChange': ['登记变更事件', 'Record change event'],
  'action.discard': ['放弃修改', 'Discard changes'],
  'action.discardConfirm': ['放弃未发布的修改？该版本将被删除，已发布版本不受影响。', 'Discard the unpublished changes? The working version is removed; the published one stays.'],
  'action.discarded': ['已放弃修改', 'Changes discarded'],
  'action.newEntry': ['新建目录', 'New entry'],
  'action.submitted': ['已提交审核', 'Submitted for review'],
  'action.approved': ['已审核通过并发布', 'Approved and published'],
  'action.rejected': ['已退回', 'Returned'],
  'action.withdrawalRequested': ['已提交撤销申请', 'Withdrawal requested'],
  'action.withdrawalDecided': ['已处理撤销申请', 'Withdrawal decided'],
  'action.changeRecorded': ['已登记变更事件', 'Change event recorded'],
  'review.approveTitle': ['审核通过', 'Approve entry'],
  'review.approveHint': ['通过后目录发布，首次发布时按编码规范赋予统一资源代码（细则第十三条）。', 'Approval publishes the entry and, at its first publication, assigns the unified code (§13).'],
  'review.rejectTitle': ['退回修改', 'Return for changes'],
  'review.rejectHint': ['请说明需要修改的内容，退回必须填写意见。', 'Explain what must change; a comment is required.'],
  'review.commentRequired': ['请填写审核意见', 'Enter a comment'],
  'withdraw.title': ['申请撤销目录', 'Request withdrawal'],
  'withdraw.hint': ['目录撤销须经政务数据主管部门审核同意（细则第十九条）。', 'Withdrawal needs the approval of the data authority (§19).'],
  'withdraw.reasonRequired': ['请填写撤销理由', 'Enter the reason'],
  'withdraw.decideTitle': ['审核撤销申请', 'Decide withdrawal'],
  'withdraw.approve': ['同意撤销', 'Approve'],
  'withdraw.reject': ['驳回', 'Reject'],
  'change.title': ['登记法律法规或职能变更', 'Record a law or function change'],
  'change.hint': ['法律法规或部门职能发生变化的，应在 15 个工作日内更新目录（细则第十二条）。', 'When laws or functions change, the entry must be updated within 15 working days (§12).'],
  'change.kind': ['变更类型', 'Kind'],
  'change.kind.law': ['法律法规变化', 'Law or regulation'],
  'change.kind.function': ['职能变化', 'Function change'],
  'change.titleField': ['事件名称', 'Title'],
  'change.description': ['说明', 'Description'],
  'change.announcedOn': ['发布/生效日期', 'Announced on'],
  'change.titleRequired': ['请填写事件名称', 'Enter a title'],
  'change.dateRequired': ['请选择日期', 'Pick a date'],

  // Editor
  'editor.createTitle': ['新建目录', 'New catalog entry'],
  'editor.editTitle': ['编辑目录', 'Edit catalog entry'],
  'editor.saveDraft': ['保存草稿', 'Save draft'],
  'editor.saveAndSubmit': ['保存并提交审核', 'Save and submit'],
  'editor.saved': ['草稿已保存', 'Draft saved'],
  'editor.submitted': ['已提交审核', 'Submitted for review'],
  'editor.summaryTitle': ['一致性检查（细则第十一条）', 'Consistency check (§11)'],
  'editor.summaryOk': ['目录要素完整，未发现不一致', 'The entry is complete and consistent'],
  'editor.errors': ['{n} 个错误', '{n} errors'],
  'editor.warnings': ['{n} 个提示', '{n} warnings'],
  'editor.errorsBlock': ['存在错误时不能提交审核', 'An entry with errors cannot be submitted'],
  'editor.serverChecking': ['正在检查一数一源…', 'Checking single-source rule…'],
  'editor.serverChecked': ['已完成一数一源检查', 'Single-source check done'],
  'editor.serverFailed': ['一数一源检查暂不可用', 'Single-source check unavailable'],
  'editor.items': ['数据项', 'Data items'],
  'editor.addItem': ['添加数据项', 'Add data item'],
  'editor.noItems': ['尚未添加数据项', 'No data items yet'],
  'editor.selectPlaceholder': ['请选择', 'Select'],
  'editor.sections.basics': ['基本信息', 'Basic information'],
  'editor.sections.classification': ['分类分级', 'Classification and grading'],
  'editor.sections.sharing': ['共享属性', 'Sharing'],
  'editor.sections.open': ['开放与更新', 'Opening and updates'],
  'editor.sections.structure': ['数据结构与关联', 'Structure and relations'],
  'editor.relatedCodesHint': ['输入资源代码后回车，可填写多个', 'Type a code and press Enter; several allowed'],
  'editor.unsaved': ['有未保存的修改', 'Unsaved changes'],
  'editor.noSubjectDb': ['（不属于）', '(none)'],
  'editor.newVersionHint': ['该目录已发布，保存后将生成新版本，审核通过后替换发布版本。', 'This entry is published: saving starts a new version that replaces the published one once approved.'],
  'editor.notEditable': ['当前状态下不能编辑该目录', 'This entry cannot be edited in its current state'],
  'editor.nameFirst': ['请先填写数据资源名称，即可保存草稿', 'Give the resource a name to save the draft'],
  'editor.requiredFirst': ['请先填写所有必填项（标 * 的字段和每个数据项的英文名、名称、类型）', 'Fill in every required field first (marked *, and each data item\'s name, label and type)'],
  'editor.serverWaiting': ['必填项填写完整后进行一数一源检查', 'The single-source check runs once the required fields are filled'],
  'editor.maskingAuto': ['已按敏感类型自动填入默认脱敏规则', 'Default masking filled in from the sensitive type'],

  // My entries
  'mine.title': ['本部门目录', "My department's catalog"],
  'mine.hint': ['本部门编制的全部目录（含草稿、待审核、已退回）', 'All entries of your department, including drafts, pending and returned ones'],

  // Review queue
  'review.title': ['目录审核', 'Catalog review'],
  'review.hint': ['待审核的目录，按提交时间先后排列（细则第十三条）', 'Entries waiting for review, oldest submission first (§13)'],
  'review.empty': ['没有待审核的目录', 'Nothing waits for review'],
  'review.submittedAt': ['提交时间', 'Submitted'],
  'review.kind': ['事项', 'Request'],
  'review.kind.publish': ['发布审核', 'Publication'],
  'review.kind.withdraw': ['撤销审核', 'Withdrawal'],

  // Withdrawals
  'withdrawals.title': ['撤销申请', 'Withdrawal requests'],
  'withdrawals.hint': ['目录撤销申请及主管部门审核结果（细则第十九条）', 'Withdrawal requests and the authority decisions (§19)'],
  'withdrawals.entry': ['目录', 'Entry'],
  'withdrawals.requestedBy': ['申请人', 'Requested by'],
  'withdrawals.requestedAt': ['申请时间', 'Requested'],
  'withdrawals.decidedBy': ['审核人', 'Decided by'],
  'withdrawals.decidedAt': ['审核时间', 'Decided'],
  'withdrawals.fileWithCity': ['需报市级备案', 'File with the city'],
  'withdrawals.status.pending': ['待审核', 'Pending'],
  'withdrawals.status.approved': ['已同意', 'Approved'],
  'withdrawals.status.rejected': ['已驳回', 'Rejected'],

  // Change events
  'changes.title': ['变更事件', 'Change events'],
  'changes.hint': ['法律法规或职能变化后须在 15 个工作日内更新目录（细则第十二条），期限按中国法定工作日计算', 'After a change of law or function the entry must be updated within 15 working days (§12), counted in Chinese working days'],
  'changes.dueOn': ['截止日期', 'Due'],
  'changes.remaining': ['剩余工作日', 'Working days left'],
  'changes.provisional': ['暂定', 'Provisional'],
  'changes.provisionalHint': ['该年度官方节假日安排尚未发布，截止日期按法定节假日暂定', 'No official holiday schedule for that year yet: the deadline is provisional'],
  'changes.overdueBy': ['已逾期', 'Overdue'],
  'changes.state.open': ['处理中', 'Open'],
  'changes.state.due_soon': ['即将到期', 'Due soon'],
  'changes.state.overdue': ['已逾期', 'Overdue'],
  'changes.state.resolved': ['已按期更新', 'Resolved'],
  'changes.state.resolved_late': ['逾期后更新', 'Resolved late'],
  'changes.filter.open': ['未完成', 'Open'],
  'changes.filter.overdue': ['已逾期', 'Overdue'],
  'changes.filter.resolved': ['已完成', 'Resolved'],
  'changes.filter.all': ['全部', 'All'],
  'changes.announcedOn': ['发生日期', 'Announced'],
  'changes.resolvedVersion': ['更新版本', 'Updated in'],
  'changes.daysLeft': ['剩 {n} 个工作日', '{n} working days left'],
  'changes.dueToday': ['今日到期', 'Due today'],

  // Import / export
  'io.title': ['目录导入导出', 'Catalog import and export'],
  'io.import': ['批量导入', 'Import'],
  'io.importHint': ['按模板填写后上传 Excel（.xlsx）或 CSV 文件。任一行有错误时不导入任何数据，请按下列提示修改后重新上传。', 'Fill in the template and upload an Excel (.xlsx) or CSV file. If any row has an error nothing is imported; fix the cells listed and upload again.'],
  'io.template': ['下载导入模板', 'Download template'],
  'io.upload': ['选择文件上传', 'Choose a file'],
  'io.uploading': ['正在导入…', 'Importing…'],
  'io.imported': ['成功导入 {n} 条目录（草稿）', '{n} entries imported as drafts'],
  'io.failed': ['导入失败，共 {n} 处错误，未导入任何数据', 'Import failed with {n} errors; nothing was imported'],
  'io.sheet': ['工作表', 'Sheet'],
  'io.warnings': ['{n} 条提示（不影响导入）', '{n} warnings (the import went through)'],
  'io.row': ['行', 'Row'],
  'io.column': ['列', 'Column'],
  'io.problem': ['问题', 'Problem'],
  'io.export': ['导出目录', 'Export'],
  'io.exportHint': ['按当前筛选条件导出目录及数据项', 'Export the entries matching the filter, with their data items'],
  'io.format': ['文件格式', 'Format'],
  'io.scope': ['范围', 'Scope'],
  'io.scope.mine': ['本部门目录', 'My department'],
  'io.scope.published': ['已发布目录', 'Published catalog'],
  'io.doExport': ['导出', 'Export'],
  'io.keyword': ['关键词', 'Keyword'],

  // Audit
  'audit.title': ['审计日志', 'Audit log'],
  'audit.hint': ['所有操作（成功、失败、拒绝）均记录，日志防篡改（安全细则第十七条），留存不少于六个月（《网络安全法》第二十一条）', 'Every operation — success, failure, denial — is logged and tamper-evident (security rules §17), and kept at least six months (Cybersecurity Law art. 21)'],
  'audit.actor': ['操作人', 'Actor'],
  'audit.org': ['所属单位', 'Organisation'],
  'audit.action': ['操作', 'Action'],
  'audit.target': ['对象', 'Target'],
  'audit.outcome': ['结果', 'Outcome'],
  'audit.ip': ['IP 地址', 'IP address'],
  'audit.detail': ['详情', 'Detail'],
  'audit.outcome.success': ['成功', 'Success'],
  'audit.outcome.failure': ['失败', 'Failure'],
  'audit.outcome.denied': ['拒绝', 'Denied'],
  'audit.verify': ['校验日志链', 'Verify the chain'],
  'audit.verifyOk': ['审计日志链完整，未发现篡改', 'The audit chain is intact'],
  'audit.verifyBad': ['审计日志链校验失败', 'The audit chain verification failed'],
  'audit.actorPlaceholder': ['用户名或姓名', 'Username or name'],
  'audit.actionPlaceholder': ['如 catalog.review', 'e.g. catalog.review'],

  // Admin
  'admin.title': ['组织与用户', 'Organisations and users'],
  'admin.orgs': ['政务部门', 'Organisations'],
  'admin.users': ['用户', 'Users'],
  'admin.orgName': ['单位名称', 'Name'],
  'admin.shortName': ['简称', 'Short name'],
  'admin.kind': ['类型', 'Kind'],
  'admin.kind.authority': ['主管部门', 'Data authority'],
  'admin.kind.department': ['政务部门', 'Department'],
  'admin.region': ['行政区划', 'Region'],
  'admin.responsible': ['数据共享责任人（第六条备案）', 'Responsible person (§6)'],
  'admin.username': ['用户名', 'Username'],
  'admin.displayName': ['姓名', 'Name'],
  'admin.org': ['所属单位', 'Organisation'],
  'admin.roles': ['角色', 'Roles'],
  'admin.password': ['初始密码', 'Initial password'],
  'admin.createUser': ['新建用户', 'New user'],
  'admin.userCreated': ['用户已创建', 'User created'],
  'admin.rolesHint': ['超级管理员、审计员不得兼任其他角色（安全细则第十四条）', 'Super admin and auditor cannot hold other roles (security rules §14)'],
  'admin.passwordHint': ['至少 10 位，包含字母和数字', 'At least 10 characters with letters and digits'],
  'admin.state': ['状态', 'State'],
  'admin.active': ['正常', 'Active'],
  'admin.disabled': ['停用', 'Disabled'],
  'admin.locked': ['锁定', 'Locked'],

  // Event actions (entry history)
  'event.created': ['创建草稿', 'Draft created'],
  'event.new_version': ['开始修订新版本', 'New version started'],
  'event.submitted': ['提交审核', 'Submitted for review'],
  'event.published': ['审核通过并发布', 'Approved and published'],
  'event.returned': ['审核退回', 'Returned'],
  'event.discarded': ['放弃修改', 'Changes discarded'],
  'event.withdrawal_requested': ['申请撤销', 'Withdrawal requested'],
  'event.withdrawn': ['同意撤销', 'Withdrawal approved'],
  'event.withdrawal_rejected': ['驳回撤销', 'Withdrawal rejected'],
  'event.change_recorded': ['登记变更事件', 'Change event recorded'],
  'event.imported': ['导入', 'Imported'],
  'version.state.draft': ['草稿', 'Draft'],
  'version.state.pending': ['待审核', 'Pending'],
  'version.state.returned': ['已退回', 'Returned'],
  'version.state.published': ['已发布', 'Published'],
  'version.state.superseded': ['已被替代', 'Superseded'],
  'version.state.withdrawn': ['已撤销', 'Withdrawn'],
  'version.submittedAt': ['提交时间', 'Submitted'],
} as const satisfies Record<string, readonly [string, string]>;

export type MessageKey = keyof typeof messages;

export function translate(lang: Lang, key: MessageKey, vars?: Record<string, string | number>): string {
  const pair = messages[key];
  let text: string = pair[lang === 'en' ? 1 : 0];
  if (vars) for (const [k, v] of Object.entries(vars)) text = text.replaceAll(`{${k}}`, String(v));
  return text;
}

/** A message key when one exists (for server vocabularies like event actions), else undefined. */
export function hasMessage(key: string): key is MessageKey {
  return Object.prototype.hasOwnProperty.call(messages, key);
}

export interface I18n {
  lang: Lang;
  setLang(lang: Lang): void;
  t(key: MessageKey, vars?: Record<string, string | number>): string;
  /** Picks the text of a `{zh, en}` pair (domain labels, server issues). */
  pick(pair: { zh: string; en: string } | undefined): string;
  /** "：" or ": " — punctuation follows the language. */
  colon: string;
  /** "（x）" or " (x)". */
  paren(text: string | number): string;
}

const I18nContext = createContext<I18n | null>(null);
const STORAGE_KEY = 'gdx.lang';

function initialLang(): Lang {
  try {
    const stored = localStorage.getItem(STORAGE_KEY);
    if (stored === 'zh' || stored === 'en') return stored;
  } catch {
    /* storage unavailable: use the default */
  }
  return 'zh';
}

function applyLang(lang: Lang): void {
  setApiLanguage(lang);
  dayjs.locale(lang === 'en' ? 'en' : 'zh-cn');
  document.documentElement.lang = lang === 'en' ? 'en' : 'zh-CN';
  document.title = translate(lang, 'app.title');
}

export function I18nProvider({ children }: { children: ReactNode }) {
  const [lang, setLangState] = useState<Lang>(() => {
    const l = initialLang();
    applyLang(l);
    return l;
  });
  useEffect(() => applyLang(lang), [lang]);
  const setLang = useCallback((l: Lang) => {
    try {
      localStorage.setItem(STORAGE_KEY, l);
    } catch {
      /* not persisted; still switch */
    }
    applyLang(l);
    setLangState(l);
  }, []);
  const value = useMemo<I18n>(() => ({
    lang,
    setLang,
    t: (key, vars) => translate(lang, key, vars),
    pick: (pair) => (pair ? pair[lang] : ''),
    colon: lang === 'en' ? ': ' : '：',
    paren: (text) => (lang === 'en' ? ` (${text})` : `（${text}）`),
  }), [lang, setLang]);
  return createElement(I18nContext.Provider, { value }, children);
}

export function useI18n(): I18n {
  const ctx = useContext(I18nContext);
  if (!ctx) throw new Error('useI18n outside I18nProvider');
  return ctx;
}
