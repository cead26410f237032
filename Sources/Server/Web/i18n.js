// Vietnamese by default, English on request; the choice is kept in this browser.
const words = {
  vi: {
    title: 'Sổ cái chỉ số cải cách hành chính',
    navPublic: 'Bảng xếp hạng', navOfficer: 'Cán bộ đơn vị', navAppraiser: 'Thẩm định', navSecretariat: 'Thường trực',
    navVerify: 'Kiểm chứng', navKey: 'Khóa & đăng nhập', switchLang: 'English',
    asOf: 'Tính đến ngày', show: 'Xem', now: 'Hiện tại', rank: 'Hạng', unit: 'Đơn vị', index: 'Chỉ số (%)',
    band: 'Xếp loại', appraised: 'Thẩm định', survey: 'XHH', total: 'Tổng điểm', selfScore: 'Tự chấm',
    provisional: 'tạm tính', ranking: 'Xếp hạng theo chỉ số', selfVsAppraised: 'Tự chấm và thẩm định theo lĩnh vực',
    ledgerPrefix: 'Dữ liệu sổ cái', entries: 'bản ghi', digest: 'mã băm báo cáo', leaf: 'Tiêu chí',
    maxPoints: 'Tối đa', points: 'Điểm', round1: 'Vòng 1', round2: 'Vòng 2', evidence: 'Minh chứng', note: 'Giải thích',
    save: 'Lưu', rule: 'Cách chấm', progress: 'Tiến độ', scored: 'đã chấm', of: 'trên', submit: 'Chốt điểm và gửi',
    upload: 'Tải lên minh chứng', docNumber: 'Số văn bản', issuer: 'Cơ quan ban hành', issuedOn: 'Ngày ban hành',
    claimNA: 'Đề nghị không phát sinh', reason: 'Lý do', saved: 'Đã ghi vào sổ cái', signInFirst: 'Vui lòng đăng nhập bằng khóa của bạn.',
    keyFile: 'Tệp khóa của bạn', signIn: 'Đăng nhập', signOut: 'Đăng xuất', signedInAs: 'Đang đăng nhập',
    generate: 'Tạo khóa mới', yourName: 'Họ và tên', download: 'Tải tệp khóa', giveToSecretariat: 'Gửi khóa công khai này cho Thường trực để đăng ký:',
    submitted: 'Đã chốt', notSubmitted: 'Chưa chốt', reopenedUntil: 'Mở lại đến', late: 'Trễ hạn', deadline: 'Hạn tự chấm', status: 'Tình trạng',
    coverage: 'Phiếu khảo sát', planned: 'Kế hoạch', received: 'Đã nhận', valid: 'Hợp lệ', openDisputes: 'Kiến nghị chưa giải quyết',
    checkpoint: 'Điểm kiểm tra mới nhất', noCheckpoint: 'Chưa có điểm kiểm tra.', size: 'Số bản ghi', root: 'Gốc Merkle',
    signedBy: 'Chữ ký của sổ cái hợp lệ, ký bởi', signatureFails: 'Không có chữ ký hợp lệ của khóa sổ cái trên điểm kiểm tra này',
    firstCheckpointSeen: 'Lần đầu trình duyệt này xem sổ cái: đã lưu điểm kiểm tra để đối chiếu lần sau.',
    checkpointRolledBack: 'Sổ cái ngắn hơn lần bạn xem trước', extendsSeen: 'Nhất quán với điểm kiểm tra bạn đã xem trước đó',
    forkedFromSeen: 'KHÔNG nhất quán với điểm kiểm tra bạn đã xem trước đó: lịch sử đã bị viết lại',
    verifyPublic: 'Ai cũng kiểm chứng được điểm kiểm tra và tính nhất quán của nó (không cần nội dung sổ cái):',
    exportWithheld: 'Toàn bộ sổ cái (bản xuất) dành cho Hội đồng thẩm định, Sở Nội vụ, UBND tỉnh và kiểm toán; đăng nhập bằng khóa của các vai trò này để thấy lệnh tải về.',
    provisionalNotPublished: 'Tạm tính — chưa công bố. Số liệu là tài liệu làm việc của Hội đồng thẩm định, chưa phải kết quả chính thức.',
    resultsNotPublished: 'Kết quả chưa được công bố. Trước khi UBND tỉnh công bố, bảng xếp hạng và điểm chỉ dành cho Hội đồng thẩm định, Sở Nội vụ, UBND tỉnh, kiểm toán và đơn vị liên quan.',
    verifyTitle: 'Tự kiểm chứng sổ cái', verifyIntro: 'Tải sổ cái, tệp minh chứng và điểm kiểm tra về máy, rồi kiểm chứng (cần python3 với gói cryptography, tools/verify-ledger.py và parledger; tải xong thì không cần mạng):',
    verifyOperator: 'Thường trực, với tệp sổ cái:',
    explain: 'Giải trình', object: 'Kiến nghị', send: 'Gửi', yourDomains: 'Lĩnh vực được phân công', chooseUnit: 'Chọn đơn vị',
    appraise: 'Thẩm định', round: 'Vòng', requestExplanation: 'Yêu cầu giải trình', history: 'Lịch sử', resolve: 'Giải quyết',
    accepted: 'Chấp nhận', rejected: 'Không chấp nhận', reasoning: 'Lập luận', registerKey: 'Đăng ký khóa', role: 'Vai trò',
    surveyImport: 'Nhập phiếu khảo sát', surveyTemplate: 'Mẫu phiếu', surveyFile: 'Tệp CSV đã nhập phiếu', surveyCheck: 'Đọc và kiểm tra tệp',
    surveyForms: 'Số phiếu đọc được', surveyRecord: 'Ký và ghi đợt phiếu', surveyReadNotRecorded: 'Đã đọc tệp, chưa ghi vào sổ cái',
    publicKey: 'Khóa công khai', name: 'Tên', resultsPreliminary: 'Kết quả sơ bộ', contested: 'Điểm bị kiến nghị',
    unitPage: 'Trang đơn vị', result: 'Kết quả', domain: 'Lĩnh vực', noData: 'Chưa có dữ liệu.', pickUnit: 'Đơn vị',
    event: 'Sự kiện', actor: 'Người thực hiện', details: 'Nội dung',
    na: 'Không phát sinh', issued: 'Đã công bố kết quả sơ bộ', download2: 'Tải về', loading: 'Đang tải…',
  },
  en: {
    title: 'PAR index appraisal ledger',
    navPublic: 'Standings', navOfficer: 'Unit officer', navAppraiser: 'Appraiser', navSecretariat: 'Secretariat',
    navVerify: 'Verify', navKey: 'Key & sign-in', switchLang: 'Tiếng Việt',
    asOf: 'As of', show: 'Show', now: 'Now', rank: 'Rank', unit: 'Unit', index: 'Index (%)', band: 'Band',
    appraised: 'Appraised', survey: 'Survey', total: 'Total', selfScore: 'Self-score', provisional: 'provisional',
    ranking: 'Ranking by index', selfVsAppraised: 'Self-score and appraisal by domain', ledgerPrefix: 'Ledger prefix',
    entries: 'entries', digest: 'report digest', leaf: 'Leaf', maxPoints: 'Max', points: 'Points', round1: 'Round 1',
    round2: 'Round 2', evidence: 'Evidence', note: 'Explanation', save: 'Save', rule: 'Scoring rule', progress: 'Progress',
    scored: 'scored', of: 'of', submit: 'Submit the self-assessment', upload: 'Upload evidence', docNumber: 'Document number',
    issuer: 'Issuer', issuedOn: 'Issued on', claimNA: 'Claim not applicable', reason: 'Reason', saved: 'Recorded in the ledger',
    signInFirst: 'Sign in with your key.', keyFile: 'Your key file', signIn: 'Sign in', signOut: 'Sign out',
    signedInAs: 'Signed in as', generate: 'Generate a new key', yourName: 'Full name', download: 'Download the key file',
    giveToSecretariat: 'Give this public key to the secretariat to register:', submitted: 'Submitted',
    notSubmitted: 'Not submitted', reopenedUntil: 'Reopened until', late: 'Late', deadline: 'Self-scoring deadline', status: 'Status', coverage: 'Survey forms',
    planned: 'Planned', received: 'Received', valid: 'Valid', openDisputes: 'Open objections', checkpoint: 'Latest checkpoint',
    signedBy: 'The ledger\'s signature verifies, signed by', signatureFails: 'No valid signature of a ledger key on this checkpoint',
    firstCheckpointSeen: 'The first time this browser sees the ledger: the checkpoint is kept to compare with next time.',
    checkpointRolledBack: 'The ledger is shorter than when you last looked', extendsSeen: 'Consistent with the checkpoint you saw before',
    forkedFromSeen: 'NOT consistent with the checkpoint you saw before: history was rewritten',
    verifyPublic: 'Anyone can check the checkpoint and its consistency (no ledger contents needed):',
    exportWithheld: 'The whole ledger (the export) is for the Appraisal Council, the Department of Home Affairs, the authority and auditors; sign in with such a key to see the download commands.',
    provisionalNotPublished: 'Provisional — not published. These figures are the Appraisal Council\'s working papers, not the official results.',
    resultsNotPublished: 'The results are not published yet. Until the authority publishes them, standings and scores are for the Appraisal Council, the Department of Home Affairs, the authority, auditors and the unit concerned.',
    noCheckpoint: 'No checkpoint yet.', size: 'Entries', root: 'Merkle root', verifyTitle: 'Verify the ledger yourself',
    verifyIntro: 'Download the ledger, its evidence files and the checkpoint, then verify them (python3 with the cryptography package, tools/verify-ledger.py and parledger; offline once downloaded):',
    verifyOperator: 'The secretariat, with the ledger file:',
    explain: 'Explain', object: 'Object', send: 'Send', yourDomains: 'Your assigned domains', chooseUnit: 'Choose a unit',
    appraise: 'Appraise', round: 'Round', requestExplanation: 'Request an explanation', history: 'History', resolve: 'Resolve',
    accepted: 'Accepted', rejected: 'Rejected', reasoning: 'Reasoning', registerKey: 'Register a key', role: 'Role',
    surveyImport: 'Survey forms', surveyTemplate: 'Form template', surveyFile: 'CSV file of keyed-in forms', surveyCheck: 'Read and check the file',
    surveyForms: 'Forms read', surveyRecord: 'Sign and record the batch', surveyReadNotRecorded: 'Read; not recorded yet',
    publicKey: 'Public key', name: 'Name', resultsPreliminary: 'Preliminary results', contested: 'Contested points',
    unitPage: 'Unit page', result: 'Result', domain: 'Domain', noData: 'No data yet.', pickUnit: 'Unit', na: 'Not applicable',
    event: 'Event', actor: 'By', details: 'Details',
    issued: 'Preliminary results issued', download2: 'Download', loading: 'Loading…',
  },
};

export let lang = localStorage.getItem('lang') === 'en' ? 'en' : 'vi';

export function setLang(value) {
  lang = value;
  localStorage.setItem('lang', value);
  document.documentElement.lang = value;
}

export function t(key) {
  return words[lang][key] ?? words.vi[key] ?? key;
}

/** An API error's message in the current language. */
export function errorText(error) {
  const body = error.body ?? {};
  const message = body.message?.[lang] ?? error.message;
  return body.detail ? `${message} (${body.detail})` : message;
}
