/// Who issues a document and who signs it, after Decree 30/2020/NĐ-CP: the issuing body and its
/// office top left, the national name and motto top right, number, place and date, "Nơi nhận"
/// bottom left, the signature block bottom right. A province keeps its own in a JSON file
/// (`--letterhead FILE`); without one, the council's generic heading is used.
public struct Letterhead: Sendable, Hashable, Codable {
    /// The body above, e.g. "ỦY BAN NHÂN DÂN TỈNH TRÀ VINH".
    public var issuingBody: String
    /// The issuing office, e.g. "HỘI ĐỒNG THẨM ĐỊNH".
    public var office: String
    /// The number and symbol, e.g. "812/QĐ-UBND"; blank until the document is numbered.
    public var number: String
    /// The place of issue, e.g. "Trà Vinh".
    public var place: String
    /// The signer's position and name, e.g. "CHỦ TỊCH HỘI ĐỒNG", "Nguyễn Văn A".
    public var signerPosition: String
    public var signerName: String
    /// "Nơi nhận" lines.
    public var recipients: [String]

    public init(
        issuingBody: String,
        office: String,
        number: String = "",
        place: String = "",
        signerPosition: String = "",
        signerName: String = "",
        recipients: [String] = []
    ) {
        self.issuingBody = issuingBody
        self.office = office
        self.number = number
        self.place = place
        self.signerPosition = signerPosition
        self.signerName = signerName
        self.recipients = recipients
    }

    /// The heading used when the province has not given its own.
    public static let council = Letterhead(
        issuingBody: "ỦY BAN NHÂN DÂN TỈNH",
        office: "HỘI ĐỒNG THẨM ĐỊNH CHỈ SỐ CẢI CÁCH HÀNH CHÍNH",
        signerPosition: "CHỦ TỊCH HỘI ĐỒNG",
        recipients: ["Như trên;", "Lưu: VT."]
    )

    private enum CodingKeys: String, CodingKey {
        case issuingBody, office, number, place, signerPosition, signerName, recipients
    }

    /// Every member optional in the file: what it leaves out comes from `council`.
    public init(from decoder: any Decoder) throws {
        let container = try decoder.container(keyedBy: CodingKeys.self)
        let base = Letterhead.council
        issuingBody = try container.decodeIfPresent(String.self, forKey: .issuingBody) ?? base.issuingBody
        office = try container.decodeIfPresent(String.self, forKey: .office) ?? base.office
        number = try container.decodeIfPresent(String.self, forKey: .number) ?? base.number
        place = try container.decodeIfPresent(String.self, forKey: .place) ?? base.place
        signerPosition = try container.decodeIfPresent(String.self, forKey: .signerPosition) ?? base.signerPosition
        signerName = try container.decodeIfPresent(String.self, forKey: .signerName) ?? base.signerName
        recipients = try container.decodeIfPresent([String].self, forKey: .recipients) ?? base.recipients
    }
}
