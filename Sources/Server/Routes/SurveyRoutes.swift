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
            return JSONBody.response([
                "templates": .array(
                    templates.map { template in
                        [
                            "template": .string(template.template.text), "version": .int(Int64(template.version)),
                            "group": .string(template.group.text), "name": .string(template.name),
                            "questions": .array(template.questions.map { .string($0.code.text) }),
                        ]
                    }
                )
            ])
        }
        api.post("survey/forms") { request, _ in
            let session = try await SessionRoutes.session(of: request, in: server)
            guard [.secretariat, .surveyClerk].contains(session.key.role) else {
                throw APIError(.forbidden, "role", detail: "only the secretariat and survey clerks key in survey forms")
            }
            _ = try ReadQuery(request, options: ["template", "version"], asOf: false)
            guard let code = ReadQuery.parameter(request, "template") else {
                throw APIError.badRequest("bad-parameter", field: "template", "name the template the forms follow")
            }
            let versionText = ReadQuery.parameter(request, "version") ?? "1"
            guard let version = Int(versionText), version > 0 else {
                throw APIError.badRequest("bad-parameter", field: "version", "version must be 1 or more")
            }
            let bytes = try await JSONBody.raw(request, limit: server.settings.uploadLimit)
            guard let text = String(validating: bytes, as: UTF8.self) else {
                throw APIError(.badRequest, "survey-file", field: "file", detail: "the file is not UTF-8 text")
            }
            let state = try await currentState()
            let forms: [AppraisalEvent.SurveyForm]
            let template: ConfigCode
            do throws(SurveyImport.Problem) {
                let published = try SurveyImport.template(code, version: version, in: state)
                template = published.code
                forms = try SurveyImport.forms(csv: text, template: published.template, state: state)
            } catch {
                throw APIError(
                    error.kind == .layout ? .badRequest : .unprocessableContent,
                    "survey-file",
                    field: "file",
                    detail: error.description
                )
            }
            let event = AppraisalEvent.surveyBatchRecorded(template: template, version: version, forms: forms)
            return JSONBody.response([
                "type": .string(event.type.text), "payload": .object(event.payload), "forms": .int(Int64(forms.count)),
            ])
        }
    }

    private func currentState() async throws(APIError) -> AppraisalState {
        let ledger = server.ledger
        return try await storeCall { () async throws(StoreError) in try await ledger.folds.fold(.everything).state }
    }
}
