import Domain
import Fluent
import Foundation

enum SchoolPage {
    struct Model {
        struct Member {
            var membershipID: UUID
            var name: String
            var email: String
            var role: SchoolRole
            /// The mail server refused this person's address for good (leaders only see it).
            var undeliverable = false
        }

        struct PendingInvitation {
            var id: UUID
            var email: String
            var name: String
            var role: SchoolRole
            var expiresAt: Date
            var undeliverable = false
        }

        var id: UUID
        var name: String
        var code: String
        var city: String
        var country: String
        var networkName: String?
        /// The members the list shows: all of them, or those the search and role filter keep.
        var members: [Member]
        /// How many members the school has, whatever the filter.
        var memberCount = 0
        var search = ""
        var roleFilter: SchoolRole?
        /// How many members the search and role filter keep, over every page.
        var matchCount = 0
        /// The page of the list shown, from 1, and how many there are (`pageSize` a page).
        var page = 1
        var pageCount = 1
        /// nil when the viewer may not manage staff (they do not see invitations at all).
        var invitations: [PendingInvitation]?
        /// Whether the viewer may see the school's well-being figures.
        var showsWellbeing = false
        /// How much collegial support goes on, for leaders and coordinators (counts only).
        var practice: PracticeCounts?
        /// Who joined, changed role or left, for every member (issue 14, class 5).
        var staffRecord = StaffRecordModel()

        /// The page for a viewer who may (or may not) manage the staff (`includeInvitations`)
        /// and end a newcomer's wait (`mayClearNewStaff`).
        /// `invitationLifetime` dates each invitation (it expires that long after it was sent).
        static func load(
            school: School, includeInvitations: Bool, mayClearNewStaff: Bool, invitationLifetime: TimeInterval, now: Date, collation: Collation,
            on db: any Database
        ) async throws -> Model {
            let schoolID = try school.requireID()
            let memberships = try await Membership.query(on: db)
                .filter(\.$school.$id == schoolID).with(\.$user).all()
            var invitations: [PendingInvitation]? =
                includeInvitations
                ? try await Invitation.query(on: db)
                    .filter(\.$school.$id == schoolID).filter(\.$acceptedAt == nil).filter(\.$expiresAt > now)
                    .sort(\.$createdAt, .descending).all()
                    .map {
                        PendingInvitation(
                            id: try $0.requireID(), email: $0.email, name: "\($0.givenName) \($0.familyName)", role: $0.role, expiresAt: $0.expiresAt)
                    }
                : nil
            let network = try await school.$network.get(on: db)
            // The staff record's newcomers come from the memberships read above.
            let staffRecord = try await StaffRecordModel.load(
                schoolID: schoolID, memberships: memberships, mayClear: mayClearNewStaff, mayRestore: includeInvitations, now: now, on: db)
            // Whose mail bounces: for those who manage the staff, who can correct an address.
            let bouncing =
                includeInvitations
                ? try await Outbox.undeliverable(among: memberships.map(\.user.email) + (invitations ?? []).map(\.email), on: db) : [:]
            invitations = invitations?.map { invitation in
                var marked = invitation
                // Refused since this invitation was sent: its own mail bounced. A mark from
                // before is another mail's (maybe another school's): not this page's to tell.
                let sent = invitation.expiresAt.addingTimeInterval(-invitationLifetime)
                marked.undeliverable = bouncing[invitation.email.lowercased()].map { $0 >= sent } ?? false
                return marked
            }
            let all = try memberships.map {
                Member(
                    membershipID: try $0.requireID(), name: $0.user.fullName, email: $0.user.email, role: $0.role,
                    undeliverable: bouncing[$0.user.email.lowercased()] != nil)
            }
            // Leaders first, then everyone in the reader's alphabetical order (Ā after A in Latvian).
            .sorted { a, b in
                let aLeads = a.role == .leader
                let bLeads = b.role == .leader
                if aLeads != bLeads { return aLeads }
                return collation.ascending(a.name, b.name)
            }
            var model = Model(
                id: schoolID, name: school.name, code: school.code, city: school.city, country: school.country,
                networkName: network?.name, members: all, invitations: invitations, staffRecord: staffRecord)
            model.memberCount = all.count
            return model
        }

        /// Keeps the members whose name (or, for those who manage the staff, address)
        /// contains `search`, ignoring case and diacritics ("berzina" finds Bērziņa), and who
        /// hold `role` if one is chosen.
        mutating func filter(search: String, role: SchoolRole?, byAddressToo: Bool) {
            self.search = search.trimmingCharacters(in: .whitespacesAndNewlines)
            roleFilter = role
            let needle = Self.folded(self.search)
            members = members.filter { member in
                (role == nil || member.role == role)
                    && (needle.isEmpty || Self.folded(member.name).contains(needle) || (byAddressToo && member.email.lowercased().contains(needle)))
            }
        }

        /// A page of the list is as many names as a phone shows in a few screens: a school of
        /// 90 was 7,000 px of names on a phone, under the staff record and invitations.
        static let pageSize = 20

        /// Keeps page `requested` of the members the filter kept (the last page when it asks
        /// for more, the first for nonsense), so a leader pages through a large staff.
        mutating func paginate(page requested: Int) {
            matchCount = members.count
            pageCount = max(1, (matchCount + Self.pageSize - 1) / Self.pageSize)
            page = min(max(1, requested), pageCount)
            let start = (page - 1) * Self.pageSize
            members = Array(members[start..<min(matchCount, start + Self.pageSize)])
        }

        /// The first and last position shown, counted from 1 (0 and 0 when nobody matches).
        var shownRange: (first: Int, last: Int) {
            members.isEmpty ? (0, 0) : ((page - 1) * Self.pageSize + 1, (page - 1) * Self.pageSize + members.count)
        }

        static func folded(_ text: String) -> String {
            text.folding(options: [.caseInsensitive, .diacriticInsensitive], locale: nil)
        }
    }
}
