/// The words a Vietnamese official reads for the ledger's codes: roles, event types and states,
/// with their English, so that no raw code shows in a Vietnamese table.
public enum Vocabulary {
    /// A role's name ("authority" → "cơ quan có thẩm quyền"); the code itself when unknown.
    public static func role(_ code: String, _ language: Language) -> String {
        guard let names = roles[code] else { return code }
        return language.pick(names.0, names.1)
    }

    /// An event type's name, with or without its version ("evidence.attached/v1" → "đính kèm tài
    /// liệu kiểm chứng"); the type itself when unknown.
    public static func event(_ type: String, _ language: Language) -> String {
        let name = type.split(separator: "/").first.map(String.init) ?? type
        guard let names = events[name] else { return type }
        return language.pick(names.0, names.1)
    }

    /// A state's name: N/A decisions, claim and objection outcomes, dispute status.
    public static func state(_ code: String, _ language: Language) -> String {
        guard let names = states[code] else { return code }
        return language.pick(names.0, names.1)
    }

    /// A bonus or deduction item's kind ("bonus" → "điểm thưởng").
    public static func adjustmentKind(_ code: String, _ language: Language) -> String {
        guard let names = adjustmentKinds[code] else { return code }
        return language.pick(names.0, names.1)
    }

    /// What a work-list item asks (`WorkList.Item.Kind`), as its reader is told.
    public static func todo(_ kind: String, _ language: Language) -> String {
        guard let names = todos[kind] else { return kind }
        return language.pick(names.0, names.1)
    }

    static let todos: [String: (String, String)] = [
        "selfScore": ("Tự chấm điểm các tiêu chí còn thiếu", "Self-score the leaves still missing"),
        "submit": ("Chốt và gửi kết quả tự đánh giá", "Submit the self-assessment"),
        "explain": ("Giải trình theo yêu cầu của Hội đồng", "Explain, as the council asked"),
        "appraise": ("Thẩm định các tiêu chí còn lại", "Appraise the leaves still waiting"),
        "decideNotApplicable": ("Quyết định đề nghị không phát sinh", "Decide an N/A claim"),
        "decideClaim": ("Quyết định đề nghị điểm thưởng, điểm trừ", "Decide a bonus or deduction claim"),
        "resolveObjection": ("Giải quyết kiến nghị", "Resolve an objection"),
        "approveReport": ("Thông qua báo cáo của Hội đồng", "Approve the council's report"),
        "notSubmitted": ("Đơn vị quá hạn chưa gửi tự đánh giá", "A unit past its deadline without a submission"),
        "issuePreliminary": ("Thông báo kết quả sơ bộ", "Issue the preliminary results"),
        "publish": ("Công bố kết quả", "Publish the results"),
        "keyForms": ("Nhập phiếu khảo sát còn thiếu", "Key in the survey forms still missing"),
        "deadline": ("Sắp đến hạn", "A deadline coming"),
    ]

    static let adjustmentKinds: [String: (String, String)] = [
        "bonus": ("điểm thưởng", "bonus"), "deduction": ("điểm trừ", "deduction"),
    ]

    static let roles: [String: (String, String)] = [
        "authority": ("cơ quan có thẩm quyền", "authority"), "secretariat": ("tổ thư ký", "secretariat"),
        "unitOfficer": ("cán bộ đầu mối của đơn vị", "unit officer"), "unitLeader": ("lãnh đạo đơn vị", "unit leader"),
        "appraiser": ("thành viên thẩm định", "appraiser"), "councilChair": ("Chủ tịch Hội đồng", "council chair"),
        "surveyClerk": ("cán bộ nhập phiếu", "survey clerk"), "auditor": ("kiểm toán viên", "auditor"),
    ]

    static let events: [String: (String, String)] = [
        "ledger.genesis": ("khởi tạo sổ cái", "ledger created"), "key.registered": ("đăng ký khóa", "key registered"),
        "ledger.policy.amended": ("sửa đổi quy định của sổ cái", "ledger policy amended"),
        "evidence.erased": ("xóa tệp kiểm chứng", "evidence file erased"),
        "key.revoked": ("thu hồi khóa", "key revoked"),
        "criteriaSet.published": ("ban hành bộ tiêu chí", "criteria set published"),
        "campaign.opened": ("mở đợt đánh giá", "campaign opened"), "unit.enrolled": ("đăng ký đơn vị", "unit enrolled"),
        "appraiser.assigned": ("phân công thẩm định", "appraiser assigned"),
        "selfScore.recorded": ("tự chấm điểm", "self-score recorded"),
        "evidence.attached": ("đính kèm tài liệu kiểm chứng", "evidence attached"),
        "evidence.withdrawn": ("rút tài liệu kiểm chứng", "evidence withdrawn"),
        "notApplicable.claimed": ("đề nghị không phát sinh", "N/A claimed"),
        "notApplicable.decided": ("quyết định không phát sinh", "N/A decided"),
        "selfAssessment.submitted": ("chốt điểm tự đánh giá", "self-assessment submitted"),
        "selfAssessment.reopened": ("mở lại tự đánh giá", "self-assessment reopened"),
        "appraisal.recorded": ("chấm điểm thẩm định", "appraisal recorded"),
        "preliminaryResults.issued": ("thông báo kết quả sơ bộ", "preliminary results issued"),
        "explanation.submitted": ("giải trình", "explanation submitted"),
        "objection.filed": ("kiến nghị", "objection filed"),
        "objection.resolved": ("giải quyết kiến nghị", "objection resolved"),
        "bonusPenalty.claimed": ("đề nghị điểm thưởng, điểm trừ", "bonus or deduction claimed"),
        "bonusPenalty.decided": ("quyết định điểm thưởng, điểm trừ", "bonus or deduction decided"),
        "surveyTemplate.published": ("ban hành mẫu phiếu khảo sát", "survey template published"),
        "surveyBatch.recorded": ("nhập lô phiếu khảo sát", "survey batch recorded"),
        "surveyForm.invalidated": ("loại phiếu khảo sát", "survey form invalidated"),
        "councilReport.approved": ("thông qua báo cáo của Hội đồng", "council report approved"),
        "results.published": ("công bố kết quả", "results published"),
        "results.corrected": ("đính chính kết quả", "results corrected"),
        "campaign.amended": ("sửa đổi thời hạn của kế hoạch", "plan deadlines amended"),
        "round.reopened": ("mở lại vòng thẩm định", "appraisal round reopened"),
        "unit.withdrawn": ("rút đơn vị khỏi đánh giá", "unit withdrawn"),
        "unit.renamed": ("đổi tên đơn vị", "unit renamed"),
    ]

    static let states: [String: (String, String)] = [
        "confirmed": ("đã xác nhận", "confirmed"), "pending": ("chờ quyết định", "pending"),
        "rejected": ("không chấp nhận", "rejected"), "accepted": ("chấp nhận", "accepted"),
        "open": ("đang xem xét", "open"), "resolved": ("đã giải quyết", "resolved"),
    ]
}
