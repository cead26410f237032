import Application
import Appraisal
import HTTPTypes
import Hummingbird
import LedgerCore
import LedgerStore
import Projections

/// Survey keying for the web page: the published templates, and a CSV file of keyed-in paper
/// forms read into the payload of one `surveyBatch.recorded/v1` batch (`SurveyImport`, as
/// `parledger survey import` reads it). The server holds no key: the page shows what was read,
/// then signs the batch in the browser and appends it like any act.
struct SurveyRoutes {
    let server: ParledgerServer

    func add(to api: RouteTable) {
        api.get("survey/templates") { request, _ in
            _ = try ReadQuery(request, asOf: false)
            let state = try await currentState()
            let templates = state.templates.values.sorted {
                ($0.template.text, $0.version) < ($1.template.text, $1.version)
            }
            let groups = state.campaign?.respondentGroups ?? []
            return JSONBody.response([
                "respondentGroups": .array(groups.map { ["code": .string($0.code.text), "name": .string($0.name)] }),
                "templates": .array(
                    templates.map { template in
                        [
                            "template": .string(template.template.text), "version": .int(Int64(template.version)),
                            "group": .string(template.group.text), "name": .string(template.name),
                            "options": SurveyAnswers.options(of: template),
                            "questions": .array(
                                template.questions.map { question in
                                    [
                                        "code": .string(question.code.text), "text": .string(question.text),
                                        "leaf": .string(question.leaf.text),
                                        "respondentGroups": .array(question.respondentGroups.map { .string($0.text) }),
                                    ]
                                }
                            ),
                        ]
                    }
                ),
            ])
        }
        // The keying screen's stack of paper forms: the rows `parledger survey blank` writes.
        api.get("survey/sheet") { request, _ in
            try await requireKeyingRole(request)
            _ = try ReadQuery(request, options: ["template", "version", "unit"], asOf: false)
            let state = try await currentState()
            let published = try publishedTemplate(request, in: state)
            let unit = try ReadQuery.parameter(request, "unit").map { text throws(APIError) in
                guard let code = UnitCode(text) else {
                    throw APIError.badRequest("bad-parameter", field: "unit", "not a unit code")
                }
                return code
            }
            let sheet: SurveySheet.Sheet
            do throws(SurveySheet.Problem) {
                sheet = try SurveySheet.blank(published.template, unit: unit, in: state)
            } catch {
                throw APIError(.unprocessableContent, "survey-sheet", field: "unit", detail: error.description)
            }
            return JSONBody.response([
                "header": .array(sheet.header.map { .string($0) }),
                "rows": .array(sheet.rows.map { .array($0.map { .string($0) }) }),
                "options": .array(sheet.options.map { .string($0) }),
            ])
        }
        api.post("survey/forms") { request, _ in
            try await requireKeyingRole(request)
            _ = try ReadQuery(request, options: ["template", "version"], asOf: false)
            let bytes = try await JSONBody.raw(request, limit: server.settings.uploadLimit)
            guard let text = String(validating: bytes, as: UTF8.self) else {
                throw APIError(.badRequest, "survey-file", field: "file", detail: "the file is not UTF-8 text")
            }
            let state = try await currentState()
            let published = try publishedTemplate(request, in: state)
            let forms: [AppraisalEvent.SurveyForm]
            do throws(SurveyImport.Problem) {
                forms = try SurveyImport.forms(csv: text, template: published.template, state: state)
            } catch {
                throw APIError(
                    error.kind == .layout ? .badRequest : .unprocessableContent,
                    "survey-file",
                    field: "file",
                    detail: error.description
                )
            }
            let event = AppraisalEvent.surveyBatchRecorded(
                template: published.code,
                version: published.template.version,
                forms: forms
            )
            return JSONBody.response([
                "type": .string(event.type.text), "payload": .object(event.payload), "forms": .int(Int64(forms.count)),
            ])
        }
    }

    /// Only the secretariat and survey clerks key in paper forms.
    private func requireKeyingRole(_ request: Request) async throws(APIError) {
        let session = try await SessionRoutes.session(of: request, in: server)
        guard [.secretariat, .surveyClerk].contains(session.key.role) else {
            throw APIError(.forbidden, "role", detail: "only the secretariat and survey clerks key in survey forms")
        }
    }

    /// The published template the `template` and `version` (1 when not given) parameters name.
    private func publishedTemplate(
        _ request: Request,
        in state: AppraisalState
    ) throws(APIError) -> (code: ConfigCode, template: SurveyTemplate) {
        guard let code = ReadQuery.parameter(request, "template") else {
            throw APIError.badRequest("bad-parameter", field: "template", "name the template the forms follow")
        }
        let versionText = ReadQuery.parameter(request, "version") ?? "1"
        guard let version = Int(versionText), version > 0 else {
            throw APIError.badRequest("bad-parameter", field: "version", "version must be 1 or more")
        }
        do throws(SurveyImport.Problem) {
            return try SurveyImport.template(code, version: version, in: state)
        } catch {
            throw APIError(.unprocessableContent, "survey-file", field: "template", detail: error.description)
        }
    }

    private func currentState() async throws(APIError) -> AppraisalState {
        let ledger = server.ledger
        return try await storeCall { () async throws(StoreError) in try await ledger.folds.fold(.everything).state }
    }
}
