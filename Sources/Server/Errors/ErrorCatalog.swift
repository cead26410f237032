import Appraisal
import LedgerCore

/// The one table of what every error code means, in Vietnamese and English, and the request field
/// it concerns. It covers every `AppraisalRefusal.Reason`, every `LedgerViolation.Code` and the
/// API's own codes; a test holds it to that, so a new refusal cannot reach a user untranslated.
public enum ErrorCatalog {
    public struct Message: Sendable {
        public let vi: String
        public let en: String
        /// The payload member (or request member) the refusal is about, for the UI to show it
        /// next to that field.
        public let field: String?
    }

    /// The message of a code; an unknown code gets a generic message that still names it.
    public static func entry(_ code: String) -> Message {
        table[code] ?? Message(vi: "Lỗi không xác định (\(code)).", en: "Unknown error (\(code)).", field: nil)
    }

    /// Whether the table has the code (tests check every reason and violation code is here).
    public static func contains(_ code: String) -> Bool { table[code] != nil }

    private static func m(_ vi: String, _ en: String, _ field: String? = nil) -> Message {
        Message(vi: vi, en: en, field: field)
    }

    static let table: [String: Message] = [
        // AppraisalRefusal.Reason: the appraisal rules (events/CATALOG.md).
        "payload": m("Nội dung không đúng mẫu quy định.", "The payload does not follow the catalog."),
        "text-control-character": m(
            "Văn bản chứa ký tự điều khiển hoặc ký tự định hướng văn bản (như U+202E) không được phép; "
                + "hãy xóa ký tự đó (tên và số hiệu chỉ được viết trên một dòng).",
            "The text holds a control or bidirectional formatting character (such as U+202E) that is not "
                + "allowed; remove it (names and numbers are one line)."
        ),
        "clock-skew": m(
            "Đồng hồ máy của bạn lệch quá nhiều so với máy chủ.",
            "Your clock differs too much from the server's.",
            "claimedAt"
        ),
        "campaign-missing": m("Chưa có kế hoạch đánh giá năm.", "No campaign has been opened."),
        "campaign-exists": m("Kế hoạch đánh giá đã được ban hành.", "The campaign is already opened."),
        "criteria-set-unknown": m("Bộ tiêu chí không tồn tại.", "The criteria set is unknown.", "criteria"),
        "criteria-set-exists": m("Bộ tiêu chí này đã được ban hành.", "This criteria set is already published.", "set"),
        "group-unknown": m("Nhóm đơn vị không có trong kế hoạch.", "The unit group is not in the campaign.", "group"),
        "unit-unknown": m("Đơn vị chưa được đưa vào đánh giá.", "The unit is not enrolled.", "unit"),
        "unit-exists": m("Mã đơn vị đã tồn tại.", "The unit code already exists.", "code"),
        "key-unit-not-enrolled": m(
            "Đơn vị chưa được đưa vào đánh giá nên chưa thể đăng ký khóa cho cán bộ hoặc thủ trưởng đơn vị: "
                + "hãy kiểm tra mã đơn vị, hoặc đưa đơn vị vào đánh giá trước.",
            "The unit is not enrolled, so no unit officer's or leader's key can be registered for it: "
                + "check the unit code, or enrol the unit first.",
            "unit"
        ),
        "not-your-unit": m("Bạn không được thao tác cho đơn vị này.", "You may not act for this unit.", "unit"),
        "key-not-appraiser": m(
            "Khóa này không phải của thành viên thẩm định.",
            "The key is not an appraiser's.",
            "keyId"
        ),
        "domain-unknown": m(
            "Lĩnh vực không có trong bộ tiêu chí.",
            "The domain is not in the criteria set.",
            "domains"
        ),
        "not-assigned": m(
            "Bạn không được phân công thẩm định lĩnh vực này.",
            "You are not assigned to this domain.",
            "leaf"
        ),
        "own-unit": m(
            "Không được thẩm định đơn vị của chính mình.",
            "You may not appraise your own unit.",
            "unit"
        ),
        "leaf-unknown": m(
            "Tiêu chí không có trong bộ tiêu chí của đơn vị.",
            "The leaf is not in the unit's set.",
            "leaf"
        ),
        "survey-leaf": m(
            "Tiêu chí này chấm bằng điều tra xã hội học, không tự chấm.",
            "This leaf is scored by the survey.",
            "leaf"
        ),
        "points-out-of-range": m(
            "Điểm vượt quá điểm tối đa hoặc không thuộc các mức cho phép.",
            "The points are above the maximum or not an allowed value.",
            "points"
        ),
        "self-scoring-closed": m(
            "Đã hết thời gian tự chấm điểm (hoặc đơn vị đã chốt điểm).",
            "Self-scoring is closed (or the unit has submitted).",
            "points"
        ),
        "justification-missing": m(
            "Cần đính kèm tài liệu kiểm chứng hoặc ghi rõ lý do.",
            "Attach evidence or explain why there is none.",
            "note"
        ),
        "reason-missing": m(
            "Cần ghi lý do khi điểm khác điểm tự chấm.",
            "Give a reason when the points differ from the self-score.",
            "reason"
        ),
        "evidence-unknown": m(
            "Tài liệu kiểm chứng không tồn tại hoặc đã rút.",
            "The evidence is unknown or withdrawn.",
            "evidence"
        ),
        "not-applicable-not-allowed": m(
            "Tiêu chí này không được đề nghị không phát sinh.",
            "This leaf may not be claimed not applicable.",
            "leaf"
        ),
        "not-applicable-pending": m(
            "Đề nghị không phát sinh đang chờ xem xét.",
            "A not-applicable claim is already pending.",
            "leaf"
        ),
        "not-applicable-no-claim": m(
            "Không có đề nghị không phát sinh để quyết định.",
            "There is no not-applicable claim to decide.",
            "leaf"
        ),
        "not-applicable-confirmed": m(
            "Tiêu chí đã được xác nhận không phát sinh; điểm của tiêu chí không được tính.",
            "The leaf is confirmed not applicable; its points do not count.",
            "leaf"
        ),
        "incomplete": m(
            "Còn tiêu chí chưa tự chấm hoặc chưa đề nghị không phát sinh.",
            "Some leaves are neither self-scored nor claimed not applicable.",
            "unit"
        ),
        "already-submitted": m("Đơn vị đã chốt điểm.", "The unit has already submitted.", "unit"),
        "round-closed": m("Vòng thẩm định đã đóng.", "The appraisal round is closed.", "round"),
        "too-early": m("Chưa đến thời điểm thực hiện.", "It is too early for this act."),
        "preliminary-issued": m("Đã công bố kết quả sơ bộ.", "Preliminary results are already issued."),
        "preliminary-missing": m("Chưa công bố kết quả sơ bộ.", "Preliminary results are not issued yet."),
        "explanation-window-closed": m(
            "Đã hết thời hạn giải trình, kiến nghị.",
            "The explanation window is closed.",
            "text"
        ),
        "leaf-not-appraised": m("Tiêu chí chưa được thẩm định.", "The leaf has not been appraised.", "leaf"),
        "objection-open": m(
            "Tiêu chí này đang có kiến nghị chưa giải quyết.",
            "An objection on this leaf is still open.",
            "leaf"
        ),
        "objection-unknown": m(
            "Kiến nghị không tồn tại hoặc đã được giải quyết.",
            "The objection is unknown or resolved.",
            "objection"
        ),
        "item-unknown": m(
            "Nội dung điểm thưởng/điểm trừ không tồn tại.",
            "The bonus or deduction item is unknown.",
            "item"
        ),
        "claim-unknown": m(
            "Đề nghị không tồn tại hoặc đã được quyết định.",
            "The claim is unknown or decided.",
            "claim"
        ),
        "template-unknown": m("Mẫu phiếu khảo sát không tồn tại.", "The survey template is unknown.", "template"),
        "template-exists": m("Mẫu phiếu khảo sát đã được ban hành.", "The survey template already exists.", "template"),
        "template-incomplete": m(
            "Mẫu phiếu chưa có câu hỏi cho mọi tiêu chí điều tra.",
            "The template lacks a question for a survey leaf.",
            "questions"
        ),
        "quota-missing": m(
            "Kế hoạch không có chỉ tiêu phiếu cho nhóm này.",
            "The campaign has no quota for this group.",
            "forms"
        ),
        "serial-reused": m("Số phiếu đã được nhập.", "The form serial was already recorded.", "serial"),
        "answer-invalid": m("Câu trả lời không hợp lệ.", "An answer is not valid.", "answers"),
        "form-unknown": m("Phiếu không tồn tại hoặc đã bị loại.", "The form is unknown or invalidated.", "serial"),
        "pending-matters": m(
            "Còn kiến nghị hoặc đề nghị chưa giải quyết.",
            "Objections or claims are still pending."
        ),
        "leaves-not-appraised": m(
            "Còn tiêu chí chưa được thẩm định; kết quả chưa thể là kết quả chính thức.",
            "Some leaves are not appraised yet; the results would still be provisional."
        ),
        "council-report-missing": m("Chưa có báo cáo của Hội đồng.", "The council report is not approved yet."),
        "council-report-exists": m(
            "Báo cáo của Hội đồng đã được thông qua.",
            "The council report is already approved."
        ),
        "results-published": m(
            "Kết quả đã công bố; chỉ có thể đính chính.",
            "Results are published; only a correction may change them."
        ),
        "results-not-published": m("Kết quả chưa được công bố.", "Results are not published yet."),
        "supersedes-mismatch": m(
            "Số quyết định bị đính chính không phải quyết định mới nhất.",
            "The corrected decision is not the latest.",
            "supersedes"
        ),
        "checkpoint-mismatch": m(
            "Điểm kiểm tra không khớp với sổ cái hiện tại.",
            "The checkpoint does not match the ledger.",
            "checkpoint"
        ),
        "unit-withdrawn": m(
            "Đơn vị đã được rút khỏi đợt đánh giá (giải thể, sáp nhập); không thể thao tác cho đơn vị này.",
            "The unit is withdrawn from the campaign (dissolved, merged); nothing more can be done for it.",
            "unit"
        ),
        "deadline-passed": m(
            "Thời hạn mới phải là thời điểm chưa đến; thời hạn đã bắt đầu thì không thể dời.",
            "A new deadline must be still to come; a deadline that has begun cannot be moved.",
            "deadlines"
        ),
        "deadlines-out-of-order": m(
            "Các thời hạn sau khi sửa đổi không còn theo đúng trình tự của kế hoạch.",
            "The amended deadlines are no longer in the plan's order.",
            "deadlines"
        ),
        "name-unchanged": m(
            "Tên mới trùng với tên hiện tại của đơn vị.",
            "The new name is the unit's current name.",
            "name"
        ),
        "objection-settled": m(
            "Điểm của tiêu chí này đã được Hội đồng chốt khi giải quyết kiến nghị; điểm thẩm định vòng 2 phải "
                + "dẫn chiếu quyết định đó và trùng với số điểm đã chốt.",
            "The council's resolution of an objection fixed this leaf's points; a round 2 appraisal must cite "
                + "that resolution and agree with it.",
            "points"
        ),
        "late-deduction-claimed": m(
            "Đơn vị đã có đề nghị trừ điểm do chậm nộp báo cáo tự đánh giá; không trừ hai lần cho cùng một lần chậm.",
            "The unit already has a late-submission deduction; the same lateness is not deducted twice.",
            "item"
        ),

        // LedgerViolation.Code: the format's checks (events/FORMAT.md §11), met at append time.
        "encoding": m(
            "Văn bản không đúng định dạng của sổ cái.",
            "The statement is not in the ledger's format.",
            "statement"
        ),
        "seq": m("Vị trí bản ghi không đúng.", "The entry position is wrong."),
        "prev": m("Liên kết băm với bản ghi trước không đúng.", "The link to the previous entry is wrong."),
        "time": m("Thời điểm ghi sổ lùi lại so với bản ghi trước.", "The recorded time goes backwards."),
        "ledger": m("Văn bản được lập cho một sổ cái khác.", "The statement is meant for another ledger.", "ledger"),
        "key-unknown": m("Khóa ký chưa được đăng ký.", "The signing key is not registered.", "actor"),
        "key-revoked": m("Khóa ký đã bị thu hồi.", "The signing key is revoked.", "actor"),
        "signature": m(
            "Chữ ký không hợp lệ với khóa của người thực hiện.",
            "The signature does not verify under the actor's key.",
            "signature"
        ),
        "role": m("Vai trò của bạn không được thực hiện thao tác này.", "Your role may not do this.", "type"),
        "duplicate": m("Mã văn bản đã được dùng.", "The statement id was already used.", "statementId"),
        "blob-missing": m("Tệp minh chứng chưa được tải lên.", "The evidence file has not been uploaded.", "blob"),
        "blob-corrupt": m("Tệp minh chứng bị hỏng.", "The evidence file is corrupt.", "blob"),
        "checkpoint-format": m("Điểm kiểm tra sai định dạng.", "The checkpoint is malformed."),
        "checkpoint-origin": m("Điểm kiểm tra thuộc sổ cái khác.", "The checkpoint is for another ledger."),
        "truncated": m("Sổ cái ngắn hơn điểm kiểm tra.", "The ledger is shorter than the checkpoint."),
        "checkpoint-root": m("Gốc cây Merkle không khớp.", "The Merkle root does not match."),
        "checkpoint-signature": m("Chữ ký điểm kiểm tra không hợp lệ.", "The checkpoint signature does not verify."),
        "checkpoint-cosignature": m("Chữ ký chứng thực không hợp lệ.", "A witness cosignature does not verify."),
        "proof-format": m("Tệp bằng chứng không đúng định dạng.", "The proof file is not well-formed."),
        "inclusion": m(
            "Đường dẫn Merkle không dẫn từ bản ghi tới gốc của điểm neo.",
            "The inclusion path does not lead from the entry to the checkpoint's root."
        ),
        "consistency": m(
            "Cây mới không nối tiếp cây cũ theo bằng chứng nhất quán.",
            "The consistency proof does not show the newer tree extends the older one."
        ),
        "rule": m("Thao tác bị từ chối theo quy định đánh giá.", "The appraisal rules refuse this act."),

        // The API's own codes.
        "bad-json": m("Dữ liệu gửi lên không phải JSON hợp lệ.", "The body is not acceptable JSON."),
        "bad-request": m("Yêu cầu không hợp lệ.", "The request is not valid."),
        "bad-parameter": m("Tham số không hợp lệ.", "A parameter is not valid."),
        "too-large": m("Tệp hoặc dữ liệu gửi lên quá lớn.", "The upload is too large.", "file"),
        "not-found": m("Không tìm thấy.", "Not found."),
        "survey-file": m(
            "Tệp phiếu khảo sát không đọc được; xem dòng được nêu.",
            "The survey file cannot be read; see the line named.",
            "file"
        ),
        "survey-sheet": m(
            "Không lập được danh sách phiếu cần nhập; xem lý do.",
            "The stack of forms cannot be made; see why.",
            "unit"
        ),
        "handover": m(
            "Không bàn giao được khóa này; xem lý do.",
            "This key cannot be handed over; see why.",
            "keyId"
        ),
        "too-many-attempts": m(
            "Quá nhiều lần đăng nhập từ địa chỉ này; vui lòng thử lại sau ít phút.",
            "Too many sign-in attempts from this address; try again in a few minutes."
        ),
        "method-not-allowed": m(
            "Phương thức không được hỗ trợ ở địa chỉ này.",
            "That method is not served at this address."
        ),
        "withheld": m(
            "Nội dung này chưa được công khai cho người đọc này; xem ai được đọc trong chi tiết.",
            "This is withheld from this reader; the detail says who may read it."
        ),
        "upload-spool": m(
            "Không lưu tạm được tệp tải lên (đĩa đầy?); thử lại sau.",
            "The upload could not be spooled (disk full?); try again later."
        ),
        "read-only-ledger": m(
            "Máy chủ này chỉ phục vụ đọc sổ cái; không ghi được.",
            "This server serves the ledger for reading only; nothing can be written."
        ),
        "no-signed-checkpoint": m(
            "Chưa có điểm neo đã ký ở kích thước sổ cái này; bằng chứng chỉ có giá trị khi điểm neo được khóa nhật ký ký.",
            "No signed checkpoint of that size yet; a proof is only worth a checkpoint signed by a log key."
        ),
        "conflict": m(
            "Mã văn bản đã được dùng cho một nội dung khác.",
            "The statement id was used for different content.",
            "statementId"
        ),
        "no-campaign": m("Sổ cái chưa có kế hoạch đánh giá.", "No campaign is opened in this ledger."),
        "campaign-unknown": m(
            "Sổ cái không có đợt đánh giá của năm này.",
            "The ledger holds no campaign of that year.",
            "campaign"
        ),
        "session-required": m("Vui lòng đăng nhập bằng khóa của bạn.", "Sign in with your key."),
        "session-expired": m(
            "Phiên làm việc đã hết hạn, vui lòng đăng nhập lại.",
            "The session expired; sign in again."
        ),
        "session-actor": m(
            "Văn bản phải do chính người đăng nhập ký.",
            "Statements must be signed by the signed-in key.",
            "actor"
        ),
        "challenge-unknown": m(
            "Mã thử thách không tồn tại hoặc đã hết hạn.",
            "The challenge is unknown or expired.",
            "challenge"
        ),
        "challenge-signature": m(
            "Chữ ký mã thử thách không hợp lệ.",
            "The challenge signature does not verify.",
            "signature"
        ),
        "internal": m("Lỗi máy chủ.", "Server error."),
        "report-unknown": m(
            "Không có loại văn bản này; các loại văn bản: results, scorecard, differences, disputes, survey, minutes.",
            "There is no such document; the documents are results, scorecard, differences, disputes, survey and minutes."
        ),
        "document-unavailable": m(
            "Chưa tạo được văn bản lúc này. Vui lòng thử lại sau ít phút.",
            "The document could not be made just now. Please try again in a few minutes."
        ),
        "document-format-unavailable": m(
            "Máy chủ này không tạo được văn bản ở định dạng đó (thiếu phần mềm in PDF); hãy chọn HTML hoặc XLSX.",
            "This server cannot make the document in that format (no PDF printer installed); choose HTML or XLSX."
        ),
        "store-unavailable": m(
            "Kho sổ cái tạm thời không sẵn sàng; chưa có gì được ghi. Vui lòng thử lại sau ít phút.",
            "The ledger's store is unavailable for now; nothing was written. Please try again in a few minutes."
        ),
        "store-full": m(
            "Kho sổ cái đã hết dung lượng; chưa có gì được ghi. Vui lòng báo quản trị hệ thống, rồi thử lại.",
            "The ledger's store is full; nothing was written. Please tell the system administrator, then try again."
        ),
        "clock-behind": m(
            "Đồng hồ của máy chủ chậm hơn thời điểm ghi sổ gần nhất; chưa có gì được ghi. Vui lòng báo quản trị hệ thống chỉnh giờ.",
            "The server's clock is behind the ledger's last entry; nothing was written. Please ask the administrator to set the clock."
        ),
    ]

    /// Every code an append can be refused with, for the catalog's completeness test.
    public static var refusalCodes: [String] {
        AppraisalRefusal.Reason.allCases.map(\.rawValue) + LedgerViolation.Code.allCases.map(\.rawValue)
    }
}
