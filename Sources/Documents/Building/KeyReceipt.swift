public import LedgerCore
public import Presentation

/// The receipt the secretariat prints when it registers a person's key (or hands a key over):
/// who holds the key, for which unit and role, the key id and public key, and the ledger entry
/// that registered it, with a QR code of the line `parledger-key/1;ledger=…;seq=…;keyId=…;end` so
/// that anyone can look the entry up in the ledger and see the same key. Both the holder and the
/// secretariat sign the paper; it is kept with the unit's file. Portrait A4, Decree 30 layout.
public struct KeyReceipt: Sendable {
    public let ledgerID: String
    /// The entry that registered the key.
    public let seq: Int
    public let recordedAt: Timestamp
    public let holder: String
    public let keyID: KeyID
    public let publicKey: PublicSigningKey
    public let role: Role
    /// The unit's code and current name, when the key acts for a unit.
    public let unit: (code: String, name: String)?
    /// The person whose key registered it.
    public let registeredBy: String
    /// The key this one replaces, when it was registered by a handover.
    public let replaces: KeyID?
    /// The entry that revoked it since, and why, if it was.
    public let revoked: (seq: Int, reason: String)?

    public init(
        ledgerID: String,
        seq: Int,
        recordedAt: Timestamp,
        holder: String,
        keyID: KeyID,
        publicKey: PublicSigningKey,
        role: Role,
        unit: (code: String, name: String)?,
        registeredBy: String,
        replaces: KeyID?,
        revoked: (seq: Int, reason: String)? = nil
    ) {
        self.ledgerID = ledgerID
        self.seq = seq
        self.recordedAt = recordedAt
        self.holder = holder
        self.keyID = keyID
        self.publicKey = publicKey
        self.role = role
        self.unit = unit
        self.registeredBy = registeredBy
        self.replaces = replaces
        self.revoked = revoked
    }

    /// The line the QR code holds: enough to find the entry and check the key in it.
    public var line: String {
        "parledger-key/1;ledger=\(DocumentSeal.escape(ledgerID));seq=\(seq);keyId=\(keyID.hex);end"
    }

    /// What the receipt states, label and value, in reading order.
    public func facts(_ language: Language, time: LocalTime = .vietnam) -> [(String, String)] {
        let pick = language.pick
        var facts = [
            (pick("Họ và tên người giữ khóa", "Key holder"), holder),
            (pick("Vai trò", "Role"), Vocabulary.role(role.rawValue, language)),
        ]
        if let unit { facts.append((pick("Đơn vị", "Unit"), "\(unit.name) (\(unit.code))")) }
        facts += [
            (pick("Mã khóa", "Key id"), keyID.hex),
            (pick("Khóa công khai", "Public key"), publicKey.text),
            (pick("Sổ cái", "Ledger"), ledgerID),
            (pick("Số thứ tự bản ghi đăng ký", "Registering entry"), String(seq)),
            (pick("Thời điểm đăng ký", "Registered at"), time.dateTime(recordedAt)),
            (pick("Người đăng ký", "Registered by"), registeredBy),
        ]
        if let replaces { facts.append((pick("Thay cho khóa (đã thu hồi)", "Replaces key (revoked)"), replaces.hex)) }
        if let revoked {
            facts.append(
                (
                    pick("ĐÃ THU HỒI", "REVOKED"),
                    pick("tại bản ghi \(revoked.seq): \(revoked.reason)", "at entry \(revoked.seq): \(revoked.reason)")
                )
            )
        }
        return facts
    }

    /// The receipt as one printable HTML page.
    public func html(_ language: Language, letterhead: Letterhead, time: LocalTime = .vietnam) -> String {
        let pick = language.pick
        let escape = HTMLRendering.escape
        let rows = facts(language, time: time).map { label, value in
            "<tr><th>\(escape(label))</th><td>\(escape(value))</td></tr>"
        }
        return """
            <!DOCTYPE html>
            <html lang="\(language.rawValue)">
            <head>
            <meta charset="utf-8">
            <meta name="viewport" content="width=device-width, initial-scale=1">
            <meta name="parledger-key" content="\(escape(line))">
            <title>\(pick("Giấy biên nhận đăng ký khóa ký số", "Key registration receipt")) — \(escape(holder))</title>
            <style>\(Self.style)</style>
            </head>
            <body>
            <header class="letterhead">
            <div class="issuer"><div>\(escape(letterhead.issuingBody.uppercased()))</div>\
            <div class="strong">\(escape(letterhead.office.uppercased()))</div><div class="rule"></div></div>
            <div class="nation"><div class="strong">\(pick("CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM", "SOCIALIST REPUBLIC OF VIETNAM"))</div>\
            <div class="strong motto">\(pick("Độc lập - Tự do - Hạnh phúc", "Independence - Freedom - Happiness"))</div>\
            <div class="place">\(escape(HTMLRendering.placeAndDate(letterhead, dated: recordedAt, time: time, language)))</div></div>
            </header>
            <h1>\(pick("GIẤY BIÊN NHẬN<br>ĐĂNG KÝ KHÓA KÝ SỐ", "KEY REGISTRATION RECEIPT"))</h1>
            <table class="facts">
            \(rows.joined(separator: "\n"))
            </table>
            <p>\(escape(pick(
                "Khóa trên đã được ghi vào sổ cái; mọi văn bản, điểm số ký bằng khóa này được coi là do người giữ khóa thực hiện. Người giữ khóa tự bảo quản tệp khóa và mật khẩu, không giao cho người khác. Khi mất khóa, quên mật khẩu hoặc chuyển công tác, báo ngay cơ quan thường trực để thu hồi và bàn giao khóa.",
                "The key above is recorded in the ledger; every statement signed with it is the holder's act. The holder keeps the key file and its passphrase and gives them to no one. A lost key, a forgotten passphrase or a change of post is reported at once to the secretariat, which revokes the key and registers a successor."
            )))</p>
            <footer class="closing">
            <div class="signature"><div class="strong">\(pick("NGƯỜI GIỮ KHÓA", "KEY HOLDER"))</div>\
            <div class="italic">\(pick("(Ký, ghi rõ họ tên)", "(Signature, full name)"))</div>\
            <div class="space"></div><div class="strong">\(escape(holder))</div></div>
            <div class="signature"><div class="strong">\(escape((letterhead.signerPosition.isEmpty ? pick("NGƯỜI ĐĂNG KÝ", "REGISTERED BY") : letterhead.signerPosition).uppercased()))</div>\
            <div class="italic">\(pick("(Ký, ghi rõ họ tên, đóng dấu)", "(Signature, full name, seal)"))</div>\
            <div class="space"></div><div class="strong">\(escape(letterhead.signerName.isEmpty ? registeredBy : letterhead.signerName))</div></div>
            </footer>
            <aside class="seal">
            \(QRCode(line)?.svg(millimetres: 30) ?? "")
            <div><div class="strong">\(pick("Mã đối chiếu với sổ cái", "Ledger reference"))</div>\
            <div class="line">\(escape(line))</div></div>
            </aside>
            </body>
            </html>

            """
    }

    /// Decree 30's page, portrait: the receipt is one page of facts.
    static let style = """
        @page { size: A4 portrait; margin: 20mm 15mm 20mm 30mm; }
        body { font-family: "Liberation Serif", "Times New Roman", "DejaVu Serif", serif; font-size: 13pt; \
        color: #000; background: #fff; margin: 0 auto; max-width: 180mm; padding: 8px; }
        .letterhead { display: flex; justify-content: space-between; text-align: center; gap: 16px; }
        .letterhead > div { flex: 1; }
        .strong { font-weight: bold; } .italic, .place { font-style: italic; }
        .motto { text-decoration: underline; } .rule { width: 30%; margin: 2px auto; border-top: 1px solid #000; }
        .place { margin-top: 6px; }
        h1 { text-align: center; font-size: 14pt; margin: 18px 0 12px; }
        table.facts { border-collapse: collapse; width: 100%; }
        table.facts th, table.facts td { border: 1px solid #000; padding: 4px 6px; text-align: left; vertical-align: top; }
        table.facts th { width: 38%; font-weight: normal; } table.facts td { word-break: break-all; }
        .closing { display: flex; justify-content: space-between; margin-top: 18px; break-inside: avoid; }
        .signature { text-align: center; min-width: 45%; } .space { height: 70px; }
        .seal { display: flex; gap: 12px; align-items: center; margin-top: 16px; font-size: 9pt; break-inside: avoid; }
        .seal .line { font-family: "DejaVu Sans Mono", monospace; word-break: break-all; }
        @media print { body { padding: 0; max-width: none; } }
        """
}
