import Broadsheet
import Foundation
import HTTPTypes
import Hummingbird
import HummingbirdTesting
import Testing

@testable import BroadsheetWeb

/// The newsroom desk's flows, through the real router: sessions, forms, the workflow, revisions,
/// the page plan and the admin's pages.
@Suite("The newsroom desk", .timeLimit(.minutes(10)))
struct DeskTests {
    static func id(from location: String) throws -> Int64 {
        let path = location.split(separator: "?")[0]
        return try #require(Int64(path.split(separator: "/").last ?? ""), "no id in \(location)")
    }

    @Test func signingInGivesAStrictCookieRotatedAtEverySignIn() async throws {
        try await Newsroom.withApp { client, _, _ in
            var stranger = DeskBrowser(client)
            let door = try await stranger.get("/desk/articles/new")
            #expect(door.status == .seeOther)
            #expect(door.location == "/desk/sign-in?next=%2Fdesk%2Farticles%2Fnew")
            let wrong = try await stranger.post(
                "/desk/sign-in", ["name": "editor", "password": "not the password"], withToken: false)
            #expect(wrong.status == .unauthorized)
            #expect(wrong.text.contains("Wrong name or password."))
            #expect(wrong.text.contains("value=\"editor\""), "the name typed is kept")

            let signIn = try await stranger.post(
                "/desk/sign-in", ["name": "editor", "password": Newsroom.password, "next": "/desk/editions"],
                withToken: false)
            #expect(signIn.status == .seeOther && signIn.location == "/desk/editions")
            let cookie = try #require(signIn.headers[.setCookie])
            for attribute in ["HttpOnly", "SameSite=Strict", "Path=/desk", "Max-Age=43200"] {
                #expect(cookie.contains(attribute), "\(cookie)")
            }
            #expect(cookie.contains("Secure"), "the fixture's site is served over TLS")
            let first = try #require(stranger.cookie)
            // Signing in again replaces the session; the old cookie no longer opens the desk.
            _ = try await stranger.post(
                "/desk/sign-in", ["name": "editor", "password": Newsroom.password], withToken: false)
            #expect(stranger.cookie != first)
            var old = DeskBrowser(client)
            old.cookie = first
            #expect(try await old.get("/desk").status == .seeOther)
            #expect(try await stranger.get("/desk").status == .ok)
            #expect(try await stranger.get("/desk").headers[.cacheControl] == "no-store")
            // An address elsewhere is never a place to return to.
            var newcomer = DeskBrowser(client)
            let away = try await newcomer.get("/desk/sign-in?next=https://elsewhere.example/")
            #expect(away.text.contains("name=\"next\" value=\"/desk\""))
        }
    }

    @Test func theDesksSignInSharesTheAPIsLockOut() async throws {
        let clock = ManualSignInClock()
        let policy = SignInPolicy(slowAfter: 100, lockAfter: 2, lockDuration: .seconds(60))
        try await Newsroom.withApp(signInPolicy: policy, signInClock: clock.clock) { client, _, _ in
            var desk = DeskBrowser(client)
            for _ in 1...2 {
                let wrong = try await desk.post(
                    "/desk/sign-in", ["name": "editor", "password": "a wrong guess"], withToken: false)
                #expect(wrong.status == .unauthorized)
            }
            let locked = try await desk.post(
                "/desk/sign-in", ["name": "editor", "password": Newsroom.password], withToken: false)
            #expect(locked.status == .tooManyRequests)
            #expect(locked.headers[.retryAfter] != nil)
            #expect(locked.text.contains("Too many failed sign-ins; try again in"))
            // The API counts the same failures: the account is locked there too.
            let api = try await client.send(
                .post, "/api/v1/session", json: #"{"name": "editor", "password": "\#(Newsroom.password)"}"#)
            #expect(api.status == .tooManyRequests)
            clock.advance(by: .seconds(61))
            #expect(
                try await desk.post(
                    "/desk/sign-in", ["name": "editor", "password": Newsroom.password], withToken: false
                )
                .status == .seeOther)
        }
    }

    @Test func aFormWithoutTheSessionsTokenChangesNothing() async throws {
        try await Newsroom.withApp { client, _, _ in
            var desk = try await DeskBrowser.signedIn(client, as: "editor")
            let forged = try await desk.post("/desk/articles", deskStory("Forged story"), withToken: false)
            #expect(forged.status == .forbidden)
            desk.formToken = String(repeating: "0", count: 40)
            #expect(try await desk.post("/desk/articles", deskStory("Forged story")).status == .forbidden)
            _ = try await desk.get("/desk?q=Forged")
            let list = try await desk.get("/desk?status=drafts&q=Forged")
            #expect(list.text.contains("Nothing here."))
        }
    }

    @Test func aReporterFilesAndSubmitsAndAnEditorPublishes() async throws {
        try await Newsroom.withApp { client, _, _ in
            var reporter = try await DeskBrowser.signedIn(client, as: "contributor")
            _ = try await reporter.get("/desk/articles/new")
            let filed = try await reporter.post(
                "/desk/articles",
                deskStory(
                    "Night ferry returns to the harbour",
                    body: "## Timetable\n\nBoats leave at ten.\n\n- Monday\n- Friday\n\n> We missed it, a rider said."))
            #expect(filed.status == .seeOther, "\(filed.text)")
            let id = try Self.id(from: filed.location)
            #expect(filed.location.hasSuffix("?done=created"))
            let own = try await reporter.get("/desk")
            #expect(own.text.contains("Your drafts"))
            #expect(own.text.contains("Night ferry returns to the harbour"))
            // A contributor may not publish: the workflow's rules, not the page, decide.
            _ = try await reporter.get("/desk/articles/\(id)")
            let refused = try await reporter.post("/desk/articles/\(id)/publish", [:])
            #expect(refused.status == .forbidden)
            #expect(refused.text.contains("contributor is contributor and may not publish"), "\(refused.text)")
            #expect(refused.text.contains("Back to the desk"))
            let submitted = try await reporter.post("/desk/articles/\(id)/submit", ["note": "Ready for page 3"])
            #expect(submitted.status == .seeOther)

            var editor = try await DeskBrowser.signedIn(client, as: "editor")
            let queue = try await editor.get("/desk")
            #expect(queue.text.contains("Submitted for review"))
            let page = try await editor.get("/desk/articles/\(id)")
            #expect(page.text.contains("Submitted by contributor"))
            #expect(page.text.contains("revision 1 submitted for review: Ready for page 3"))
            #expect(try await editor.post("/desk/articles/\(id)/publish", [:]).status == .seeOther)
            let permalink = try await client.execute(uri: "/news/\(id)", method: .get, headers: [:], body: nil)
            #expect(permalink.status == .movedPermanently)
            let article = try await client.execute(uri: permalink.location, method: .get, headers: [:], body: nil)
            #expect(article.text.contains("<h2>Timetable</h2>"))
            #expect(article.text.contains("<ul><li>Monday</li><li>Friday</li></ul>"))
            #expect(article.text.contains("<blockquote><p>We missed it, a rider said.</p></blockquote>"))
            // The editor shows the body as it was typed.
            #expect(page.text.contains("## Timetable\n\nBoats leave at ten.\n\n- Monday\n- Friday"))
            let published = try await editor.get("/desk?status=published&q=night+ferry")
            #expect(published.text.contains("Night ferry returns to the harbour"))
        }
    }

    @Test func aBadFieldIsNamedAndTheTypedTextKept() async throws {
        try await Newsroom.withApp { client, _, _ in
            var desk = try await DeskBrowser.signedIn(client, as: "editor")
            _ = try await desk.get("/desk/articles/new")
            var fields = deskStory("Tide tables for the week")
            fields["language"] = "english please"
            fields["page"] = "0"
            let refused = try await desk.post("/desk/articles", fields)
            #expect(refused.status == .unprocessableContent)
            #expect(refused.text.contains("Expected a language code such as en, ur or ar"))
            #expect(refused.text.contains("Expected a page number from 1"))
            #expect(refused.text.contains("value=\"Tide tables for the week\""))
            #expect(refused.text.contains("aria-invalid=\"true\""))
            let list = try await desk.get("/desk?q=Tide%20tables")
            #expect(list.text.contains("Nothing here."))
        }
    }

    @Test func aConcurrentSaveShowsBothVersionsAndLosesNeither() async throws {
        try await Newsroom.withApp { client, _, _ in
            var first = try await DeskBrowser.signedIn(client, as: "editor")
            _ = try await first.get("/desk/articles/new")
            let id = try Self.id(
                from: try await first.post("/desk/articles", deskStory("Pier lights repaired")).location)
            var second = try await DeskBrowser.signedIn(client, as: "admin")
            _ = try await second.get("/desk/articles/\(id)")
            _ = try await first.get("/desk/articles/\(id)")
            #expect(
                try await first.post("/desk/articles/\(id)", deskStory("Pier lights repaired at last", revision: 1))
                    .status == .seeOther)
            let clash = try await second.post("/desk/articles/\(id)", deskStory("Pier lamps fixed", revision: 1))
            #expect(clash.status == .conflict)
            #expect(clash.text.contains("Someone else changed this story"))
            #expect(clash.text.contains("Pier <del>lights repaired at last</del>"))
            #expect(clash.text.contains("Pier <ins>lamps fixed</ins>"))
            #expect(clash.text.contains("editor saved revision 2"))
            // The reporter's text rides along; saving it over theirs is a new revision, theirs kept.
            #expect(clash.text.contains("name=\"revision\" value=\"2\""))
            #expect(
                try await second.post("/desk/articles/\(id)", deskStory("Pier lamps fixed", revision: 2)).status
                    == .seeOther)
            let history = try await second.get("/desk/articles/\(id)/revisions")
            #expect(history.text.contains("Pier lights repaired at last"))
            #expect(history.text.contains("Pier lamps fixed"))
        }
    }

    @Test func thePreviewIsTheReadersPage() async throws {
        try await Newsroom.withApp { client, _, _ in
            var desk = try await DeskBrowser.signedIn(client, as: "contributor")
            _ = try await desk.get("/desk/articles/new")
            let preview = try await desk.post("/desk/preview", deskStory("Ferry fares frozen for a year"))
            #expect(preview.status == .ok)
            #expect(preview.headers[.cacheControl] == "no-store")
            #expect(preview.headers[.xRobotsTag] == "noindex")
            #expect(preview.text.contains("<h1 class=\"story__headline\">Ferry fares frozen for a year</h1>"))
            #expect(preview.text.contains("<span class=\"dateline\">KARACHI:</span> The council met on Monday."))
            let list = try await desk.get("/desk?q=Ferry%20fares")
            #expect(list.text.contains("Nothing here."), "a preview saves nothing")
        }
    }

    @Test func revisionsCompareAndAnOldOneIsRestoredAsNew() async throws {
        try await Newsroom.withApp { client, _, _ in
            var desk = try await DeskBrowser.signedIn(client, as: "editor")
            _ = try await desk.get("/desk/articles/new")
            let id = try Self.id(from: try await desk.post("/desk/articles", deskStory("Market hall reopens")).location)
            _ = try await desk.get("/desk/articles/\(id)")
            _ = try await desk.post(
                "/desk/articles/\(id)",
                deskStory("Market hall reopens with new stalls", revision: 1, body: "Traders returned on Monday."))
            let compare = try await desk.get("/desk/articles/\(id)/revisions/compare?from=1&to=2")
            #expect(compare.status == .ok)
            #expect(compare.text.contains("Market hall reopens<ins> with new stalls</ins>"))
            #expect(compare.text.contains("<del>The council met</del> on Monday."))
            #expect(compare.text.contains("<ins>Traders returned</ins> on Monday."))
            #expect(compare.text.contains("<del>It agreed the plan.</del>"))
            #expect(try await desk.get("/desk/articles/\(id)/revisions/compare?from=1&to=9").status == .badRequest)
            _ = try await desk.get("/desk/articles/\(id)/revisions")
            let restored = try await desk.post("/desk/articles/\(id)/revisions/1/restore", [:])
            #expect(restored.status == .seeOther && restored.location.hasSuffix("done=restored"))
            let history = try await desk.get("/desk/articles/\(id)/revisions")
            #expect(history.text.contains("Revision 3 (edit)"))
            let editor = try await desk.get("/desk/articles/\(id)")
            #expect(editor.text.contains("value=\"Market hall reopens\""))
            #expect(editor.text.contains("revision 3"))
        }
    }

    @Test func theWorkflowRunsFromTheDesk() async throws {
        try await Newsroom.withApp { client, _, _ in
            var desk = try await DeskBrowser.signedIn(client, as: "editor")
            _ = try await desk.get("/desk/articles/new")
            let id = try Self.id(from: try await desk.post("/desk/articles", deskStory("Bus lanes extended")).location)
            _ = try await desk.get("/desk/articles/\(id)")
            #expect(
                try await desk.post("/desk/articles/\(id)/schedule", ["publish_at": "2001-01-01T09:00"]).status
                    == .badRequest)
            #expect(try await desk.post("/desk/articles/\(id)/schedule", ["publish_at": "soon"]).status == .badRequest)
            let later = DeskLocalTime(timeZone: WebFixture.publication.timeZone).text(Date().addingTimeInterval(7200))
            #expect(try await desk.post("/desk/articles/\(id)/schedule", ["publish_at": later]).status == .seeOther)
            #expect(try await desk.get("/desk?status=scheduled").text.contains("Bus lanes extended"))
            #expect(try await desk.get("/desk/articles/\(id)").text.contains("Status: <strong>scheduled</strong>"))
            #expect(try await desk.post("/desk/articles/\(id)/publish", [:]).status == .seeOther)
            let note = ["kind": "correction", "text": "An earlier version gave the wrong route number."]
            #expect(try await desk.post("/desk/articles/\(id)/corrections", note).status == .seeOther)
            #expect(try await desk.get("/desk/articles/\(id)").text.contains("gave the wrong route number"))
            #expect(try await desk.post("/desk/articles/\(id)/unpublish", [:]).status == .seeOther)
            #expect(try await desk.post("/desk/articles/\(id)/publish", [:]).status == .seeOther)
            let retracted = try await desk.post("/desk/articles/\(id)/retract", ["note": "The plan was withdrawn."])
            #expect(retracted.status == .seeOther)
            #expect(try await desk.get("/desk?status=retracted").text.contains("Bus lanes extended"))
            var admin = try await DeskBrowser.signedIn(client, as: "admin")
            let log = try await admin.get("/desk/audit?article=\(id)")
            for action in [
                "article.create", "article.schedule", "article.publish", "article.correct", "article.retract",
            ] {
                #expect(log.text.contains(action), "\(action)")
            }
        }
    }

    @Test func aStoryStartsFromPastedOrUploadedCopy() async throws {
        try await Newsroom.withApp { client, _, _ in
            var desk = try await DeskBrowser.signedIn(client, as: "contributor")
            _ = try await desk.get("/desk/articles/new")
            let copy = """
                E-Paper | April 29, 2025
                Weavers' fair draws record crowds

                KARACHI: Stalls of hand-woven cloth filled the old market on Sunday.

                Organisers counted more visitors than in any year before.
                """
            let pasted = try await desk.post("/desk/import", ["text": copy])
            #expect(pasted.status == .seeOther, "\(pasted.text)")
            let page = try await desk.get(pasted.location)
            #expect(page.text.contains("value=\"Weavers&#39; fair draws record crowds\""))
            _ = try await desk.get("/desk/articles/new")
            let uploaded = try await desk.upload(
                "/desk/import", file: "fair.txt", bytes: copy.replacingOccurrences(of: "Weavers'", with: "Potters'"))
            #expect(uploaded.status == .seeOther, "\(uploaded.text)")
            _ = try await desk.get("/desk/articles/new")
            let nothing = try await desk.post("/desk/import", ["text": "   "])
            #expect(nothing.status == .badRequest)
        }
    }

    @Test func thePagePlanMovesStoriesBetweenPages() async throws {
        try await Newsroom.withApp { client, archive, _ in
            var desk = try await DeskBrowser.signedIn(client, as: "editor")
            let plan = try await desk.get("/desk/editions/2025-04-29")
            #expect(plan.status == .ok)
            #expect(plan.text.contains("Printed image: yes"))
            let moved = try await desk.post(
                "/desk/editions/2025-04-29/move", ["article": String(archive.bridge), "page": "2"])
            #expect(moved.status == .seeOther, "\(moved.text)")
            let after = try await desk.get("/desk/editions/2025-04-29")
            let pageTwo = try #require(after.text.range(of: "id=\"page-2\""))
            #expect(after.text[pageTwo.upperBound...].contains("id=\"story-\(archive.bridge)\""))
            _ = try await desk.post(
                "/desk/editions/2025-04-29/move", ["article": String(archive.bridge), "page": "none"])
            let unplaced = try await desk.get("/desk/editions/2025-04-29")
            let notPlaced = try #require(unplaced.text.range(of: "Not placed yet"))
            #expect(unplaced.text[notPlaced.upperBound...].contains("id=\"story-\(archive.bridge)\""))
            #expect(
                try await desk.post("/desk/editions/2025-04-30/move", ["article": String(archive.bridge), "page": "1"])
                    .status == .badRequest)
            var reporter = try await DeskBrowser.signedIn(client, as: "contributor")
            _ = try await reporter.get("/desk/editions/2025-04-29")
            let refused = try await reporter.post(
                "/desk/editions/2025-04-29/move", ["article": String(archive.bridge), "page": "1"])
            #expect(refused.status == .forbidden, "a contributor may not edit a published story")
        }
    }

    @Test func anAdminManagesAccountsAndTokens() async throws {
        try await Newsroom.withApp { client, _, _ in
            var editor = try await DeskBrowser.signedIn(client, as: "editor")
            #expect(try await editor.get("/desk/users").status == .forbidden)
            #expect(try await editor.get("/desk/audit").status == .forbidden)
            var admin = try await DeskBrowser.signedIn(client, as: "admin")
            _ = try await admin.get("/desk/users")
            let short = try await admin.post(
                "/desk/users", ["name": "sana", "role": "contributor", "password": "short"])
            #expect(short.status == .unprocessableContent)
            #expect(short.text.contains("at least 12 characters"))
            let added = try await admin.post(
                "/desk/users", ["name": "sana", "role": "contributor", "password": "a long enough password"])
            #expect(added.status == .seeOther)
            _ = try await admin.get("/desk/users")
            let token = try await admin.post(
                "/desk/tokens", ["user": "sana", "label": "phone", "expires_in_days": "30"])
            #expect(token.status == .created)
            let shown = try #require(token.text.range(of: "<code id=\"new-token\">"))
            let secret = String(token.text[shown.upperBound...].prefix { $0 != "<" })
            #expect(secret.hasPrefix("bst_"))
            let api = try await client.send(.get, "/api/v1/articles?status=draft", token: secret)
            #expect(api.status == .ok)
            let listed = try await admin.get("/desk/users")
            #expect(!listed.text.contains(secret), "a token is shown once")
            let promoted = try await admin.post("/desk/users/sana/role", ["role": "editor"])
            #expect(promoted.status == .seeOther)
            #expect(try await admin.get("/desk/users").text.contains("<option value=\"editor\" selected>"))
            #expect(
                try await admin.post("/desk/users/admin/role", ["role": "contributor"]).status == .unprocessableContent)
            let log = try await admin.get("/desk/audit?actor=admin&action=user")
            #expect(log.text.contains("sana: contributor to editor"))
            #expect(log.text.contains("user.add"))
            #expect(!log.text.contains("token.create"))
            _ = try await admin.post("/desk/users/sana/remove", [:])
            #expect(try await client.send(.get, "/api/v1/articles?status=draft", token: secret).status == .unauthorized)
        }
    }

    @Test func signingOutEverywhereEndsTheAPIsTokensToo() async throws {
        try await Newsroom.withApp { client, _, newsroom in
            var desk = try await DeskBrowser.signedIn(client, as: "editor")
            var other = try await DeskBrowser.signedIn(client, as: "editor")
            let out = try await desk.post("/desk/sign-out", ["everywhere": "true"])
            #expect(out.status == .seeOther && out.location == "/desk/sign-in")
            #expect(out.headers[.setCookie]?.contains("Max-Age=0") == true)
            #expect(try await other.get("/desk").status == .seeOther)
            let api = try await client.send(.get, "/api/v1/articles?status=draft", token: newsroom.token(.editor))
            #expect(api.status == .unauthorized)
        }
    }
}
