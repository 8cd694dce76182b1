import Foundation
import Testing
@testable import TrackLint
@testable import TrackLintParsing
@testable import TrackLintPlatforms

/// Who built a mail (`platform`) and who delivered it (`relay`), from headers, body tracking and
/// template syntax, with nil where the evidence is shared or tied.
@Suite struct PlatformDetectionTests {
    private func diagnosis(_ text: String) throws -> Diagnosis {
        try #require(Linter(options: LintOptions()).lint(Array(text.utf8), path: "x").first).diagnosis
    }

    @Test(arguments: [
        (#"<table mc:edit="body"><tr><td><a href="*|UNSUB|*">Unsubscribe</a></td></tr></table>"#, "mailchimp",
         ["template syntax `mc:edit`", "template syntax `*|UNSUB|*`"], PlatformAttribution.Confidence.medium),
        (#"<div>{% module "hero" path="@hubspot/rich_text" %}</div><a href="{{ unsubscribe_link_all }}">Unsubscribe</a>"#, "hubspot",
         ["template syntax `{% module`", "template syntax `{{ unsubscribe_link_all }}`"], .high),
        (#"<p>%%=v(@firstName)=%%</p><a href="%%profile_center_url%%">Preferences</a>"#, "salesforce",
         ["template syntax `%%=`", "template syntax `%%profile_center_url%%`"], .high),
        (#"<a href="{{system.unsubscribeLink}}">Unsubscribe</a>"#, "marketo", ["template syntax `{{system.unsubscribeLink}}`"], .medium),
        (#"<a href="<%asm_group_unsubscribe_raw_url%>">Unsubscribe</a>"#, "sendgrid", ["template syntax `<%asm_group_unsubscribe_raw_url%>`"], .medium),
        // Spacing inside the braces does not matter.
        (#"<a href="{{unsubscribe_link_all}}">Unsubscribe</a>"#, "hubspot", ["template syntax `{{ unsubscribe_link_all }}`"], .medium),
        (#"{% for product in var:products %}<a href="{{ var:shop_url }}">Shop</a>{% endfor %}"#, "mailjet",
         ["template syntax `var:`"], .medium),
        (#"<td style="width: {{ email_body_width }}px">{{ module.banner_content }}</td>"#, "hubspot", ["template syntax `{{ module.`"], .medium),
        (#"<h1>{{ .Campaign.Subject }}</h1><p>{{ L.T "email.optin.confirmSub" }}</p>"#, "listmonk",
         ["template syntax `{{ .Campaign.`", "template syntax `{{ L.T`"], .high),
        // A class among others.
        (#"<div class="mktoText h1" id="intro" mktoName="Intro">Hello</div>"#, "marketo", ["template syntax `mktoText`"], .medium),
        (#"<p>Hi $[UD:FIRST_NAME||there]$</p><a href="$[LI:UNSUBSCRIBE]$">Unsubscribe</a>"#, "zohocampaigns",
         ["template syntax `$[UD:`", "template syntax `$[LI:`"], .high),
        (#"<p>Thanks, [[FIRSTNAME OR "there"]]!</p>"#, "constantcontact", ["template syntax `[[FIRSTNAME`"], .medium),
        (#"<p>{% unsubscribe 'Unsubscribe here' %}</p>"#, "klaviyo", ["template syntax `{% unsubscribe '`"], .medium),
        // A tag inside a longer run of brackets is not the shorter one: neither Brevo's
        // `{{ unsubscribe }}` nor Constant Contact's `{unsubscribe}`, nor Mautic's `{unsubscribe_url}`.
        (#"<p>{{Sender_Name}}</p><a href="{{{unsubscribe}}}">Unsubscribe</a>"#, "sendgrid",
         ["template syntax `{{ Sender_Name }}`", "template syntax `{{{unsubscribe}}}`"], .high),
        (#"<a href="[UNSUBSCRIBEURL]">Unsubscribe</a> [USERTRACK]"#, "phplist",
         ["template syntax `[UNSUBSCRIBEURL]`", "template syntax `[USERTRACK]`"], .high),
        (#"<p>Hi {{ subscriber.first_name }}</p><a href="{{ unsubscribe_url }}">Unsubscribe</a>"#, "kit",
         ["template syntax `{{ subscriber.`", "template syntax `{{ unsubscribe_url }}`"], .medium),
    ])
    func templateSyntaxNamesThePlatform(html: String, platform: String, evidence: [String],
                                        confidence: PlatformAttribution.Confidence) throws {
        let found = try #require(try diagnosis(html).platform)
        #expect(found.name == platform)
        #expect(found.evidence == evidence)
        // Two signals unique to one platform make it high; one, or one with shared ones, medium.
        #expect(found.confidence == confidence)
    }

    @Test(arguments: [
        // Mailchimp's and Mandrill's alike.
        #"<a href="*|UNSUB|*">Unsubscribe</a>"#,
        // Klaviyo's and Customer.io's alike.
        #"<a href="{% unsubscribe %}">Unsubscribe</a>"#,
        // Kit's and HubSpot's alike.
        #"<a href="{{ unsubscribe_link }}">Unsubscribe</a>"#,
        // Handlebars is everyone's.
        #"<p>Hello {{first_name}}</p><a href="https://acme.example/">Shop</a>"#,
        // Kit's, and every Django or Jinja mailer's; Customer.io's, and every shop's Liquid.
        #"<a href="{{ unsubscribe_url }}">Unsubscribe</a>"#,
        #"<h1>Hello {{ customer.first_name | default: "there" }}</h1>"#,
    ])
    func sharedSyntaxNamesNobody(html: String) throws {
        #expect(try diagnosis(html).platform == nil)
    }

    /// A placeholder a link must have filled outweighs another platform's leftover markup.
    @Test func placeholderInALinkOutweighsLeftoverMarkup() throws {
        let found = try #require(try diagnosis(#"<unsubscribe>Leave</unsubscribe> <a href="{unsubscribe_url}">Unsubscribe</a>"#).platform)
        #expect(found.name == "mautic")
    }

    /// Mandrill overrides Mailchimp on its own evidence only: the merge tags they share (three
    /// points here, one in a link) once made a Mailchimp template Mandrill's.
    @Test func sharedSyntaxDoesNotOverride() throws {
        let found = try diagnosis(#"<div mc:edit="preheader">*|MC_PREVIEW_TEXT|*</div><a href="*|UNSUB|*">Unsubscribe</a>"#)
        #expect(found.platform == PlatformAttribution(name: "mailchimp", confidence: .high, evidence: [
            "template syntax `mc:edit`", "template syntax `*|MC_PREVIEW_TEXT|*`", "template syntax `*|UNSUB|*`"]))
        let sent = try diagnosis("X-Mandrill-User: md_123\nSubject: Hi\nContent-Type: text/html\n\n"
            + #"<div mc:edit="preheader">*|MC_PREVIEW_TEXT|*</div><a href="*|UNSUB|*">Unsubscribe</a>"#)
        #expect(sent.platform?.name == "mandrill")
    }

    private static let plainBody = "Subject: Hi\nContent-Type: text/html\n\n<p>Hello <a href=\"https://x.example/\">x</a></p>"

    /// The hops of a platform's own servers name it beside its header (seen in received mail).
    @Test(arguments: [
        ("X-Mandrill-User: md_1\nReceived: from mail128-19.atl41.mandrillapp.com (mail128-19.atl41.mandrillapp.com [198.2.128.19])\n",
         "mandrill", ["header X-Mandrill-User", "header Received mandrillapp.com"]),
        ("X-HS-Cid: abc\nReceived: from bd77fbu.bf01.eu1.hubspotservicehub.com (bd77fbu.bf01.eu1.hubspotservicehub.com [1.2.3.4])\n",
         "hubspot", ["header X-HS-Cid", "header Received hubspotservicehub.com"]),
        ("X-SG-EID: abc\nReceived: by filterdrecv-7bc86b958d-j46hl with SMTP id abc\n",
         "sendgrid", ["header X-SG-EID", "header Received by filterdrecv-"]),
    ])
    func platformsOwnHopsConfirmIt(headers: String, platform: String, evidence: [String]) throws {
        #expect(try diagnosis(headers + Self.plainBody).platform == PlatformAttribution(name: platform, confidence: .high, evidence: evidence))
    }

    /// X-MSFBL is Momentum's feedback-loop header, which SMTP.com, banks and social networks send
    /// too: alone it names nobody; SparkPost is named by its own hosts.
    @Test func momentumsHeaderAloneNamesNobody() throws {
        let feedbackLoop = "X-MSFBL: aGFzaA==|eyJ0ZW5hbnRfaWQiOiJ4In0=\n"
        let alone = try diagnosis(feedbackLoop + Self.plainBody)
        #expect(alone.platform == nil && alone.relay == nil)
        let sparkpost = try diagnosis(feedbackLoop + "Received: from mta-1.sparkpostmail.com (mta-1.sparkpostmail.com [1.2.3.4])\n" + Self.plainBody)
        #expect(sparkpost.platform == PlatformAttribution(name: "sparkpost", confidence: .medium,
                                                          evidence: ["header X-MSFBL", "header Received sparkpostmail.com"]))
    }

    /// Kit's unsubscribe page stands in its click-tracking shape (`unsubscribe.convertkit-mail4.com/<id>`):
    /// it is the platform's own page, not a tracking host (TL502 named it one).
    @Test func platformsOwnPageInItsClickShapeIsNotTracking() throws {
        let message = "From: News <news@shop.example>\nFeedback-ID: 1:2:ck\nMessage-ID: <a@convertkit-mail4.com>\nSubject: News\n"
            + "Content-Type: text/html\n\n<p><a href=\"https://click.convertkit-mail4.com/abc/def/aHR0cHM6Ly9zaG9wLmV4YW1wbGUv\">Shop</a> "
            + "<a href=\"https://unsubscribe.convertkit-mail4.com/abc\">Unsubscribe</a></p>"
        let result = try #require(Linter(options: LintOptions()).lint(Array(message.utf8), path: "kit.eml").first)
        #expect(result.diagnosis.trackingHosts.map(\.host) == ["click.convertkit-mail4.com"])
        #expect(result.findings.filter { $0.code == "TL502" }.map(\.evidence) == ["click.convertkit-mail4.com"])
    }

    @Test func builderOverTheTransport() throws {
        let text = try String(contentsOf: TestSupport.fixtures.appendingPathComponent("detection/customerio-via-mailgun.eml"), encoding: .utf8)
        let found = try diagnosis(text)
        #expect(found.platform == PlatformAttribution(name: "customerio", confidence: .medium, evidence: ["header Return-Path customeriomail.com"]))
        #expect(found.relay == PlatformAttribution(name: "mailgun", confidence: .high,
                                                   evidence: ["header X-Mailgun-Sid", "header X-Mailgun-Sending-Ip"]))
    }

    @Test func declaredSendingThroughAnotherPlatform() throws {
        let text = try String(contentsOf: TestSupport.fixtures.appendingPathComponent("platforms/klaviyo.eml"), encoding: .utf8)
        let found = try diagnosis(text)
        #expect(found.platform?.name == "klaviyo")
        #expect(found.platform?.confidence == .high)
        #expect(found.relay?.name == "sendgrid")
    }

    /// Phishing copies tracked links out of other mail: a transport's link in mail that another
    /// platform's headers name does not make that transport the builder.
    @Test func copiedTransportLinkIsNotTheBuilder() throws {
        let text = try String(contentsOf: TestSupport.fixtures.appendingPathComponent("detection/copied-tracking-link.eml"), encoding: .utf8)
        let found = try diagnosis(text)
        #expect(found.platform?.name == "postmark")
        #expect(found.relay == nil)
    }

    /// A bounce whose only HTML is the mail it quotes: that copy names nobody, the report's own
    /// headers name SES. A copy that names its platform keeps it (a newsletter forwarded as an
    /// attachment is the newsletter's).
    @Test func deliveryReportsAreNamedByTheirOwnHeaders() throws {
        func report(quoting quotedHeaders: String) -> String {
            "From: MAILER-DAEMON@amazonses.com\nTo: a@x.example\nSubject: Delivery Status Notification (Failure)\n"
                + "X-SES-Outgoing: 2026.11.30-54.240.0.1\nMIME-Version: 1.0\n"
                + "Content-Type: multipart/report; report-type=delivery-status; boundary=\"r\"\n\n"
                + "--r\nContent-Type: text/plain\n\nAn error occurred.\n"
                + "--r\nContent-Type: message/delivery-status\n\nReporting-MTA: dns; amazonses.com\n\n"
                + "Final-Recipient: rfc822; b@y.example\nAction: failed\nStatus: 5.1.1\n\n"
                + "--r\nContent-Type: message/rfc822\n\nFrom: a@x.example\nTo: b@y.example\nSubject: News\n"
                + quotedHeaders + "Content-Type: text/html\n\n<p>News <a href=\"https://x.example/\">read</a></p>\n--r--\n"
        }
        let bounced = try diagnosis(report(quoting: ""))
        #expect(bounced.platform == PlatformAttribution(name: "ses", confidence: .medium, evidence: ["header X-SES-Outgoing"]))
        let quotingMailgun = try diagnosis(report(quoting: "X-Mailgun-Sid: WyJhYmMiXQ==\n"))
        #expect(quotingMailgun.platform?.name == "mailgun")
    }

    @Test func platformOptionWins() throws {
        let input = Linter(options: LintOptions(platform: "mautic")).lint(Array(#"<table mc:edit="x"></table>"#.utf8), path: "x")
        #expect(input.first?.diagnosis.platform == PlatformAttribution(name: "mautic", confidence: .high, evidence: ["--platform"]))
    }

    @Test func signalsAreFoundOnceEachInOrder() {
        let found = TemplateSignals.all.matches(in: Array("{%unsubscribe%} mc:edit {% unsubscribe %} mc:edit".utf8))
        #expect(found.map(\.text) == ["{% unsubscribe %}", "mc:edit"])
        #expect(found.first?.platforms == ["klaviyo", "customerio"])
        #expect(TemplateSignals.all.matches(in: []).isEmpty)
        #expect(TemplateSignals.all.matches(in: Array("m".utf8)).isEmpty)
    }

    /// A profile's template signals hold only what its placeholder lists do not already say.
    @Test(arguments: PlatformProfiles.all.map(\.id))
    func templateSignalsDoNotRepeatPlaceholders(_ id: String) throws {
        let profile = try #require(PlatformProfiles.profile(id))
        let declared = Set(profile.unsubscribePlaceholders + profile.preferencePlaceholders + profile.webViewPlaceholders
            + profile.unsubscribeElements.map { "<" + $0 } + profile.optOutMarkers.map(\.key))
        #expect(declared.isDisjoint(with: profile.templateSignals), "\(id)")
        #expect(Set(profile.templateSignals).count == profile.templateSignals.count, "\(id)")
    }
}
