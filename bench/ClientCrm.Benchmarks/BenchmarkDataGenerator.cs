using System.Diagnostics;
using System.Globalization;
using ClientCrm.Domain.Access;
using ClientCrm.Domain.Clients;
using ClientCrm.Domain.Common;
using ClientCrm.Domain.Cooperation;
using ClientCrm.Domain.Grading;
using ClientCrm.Infrastructure.Identity;
using ClientCrm.Infrastructure.Security;
using Microsoft.AspNetCore.Identity;
using Microsoft.Extensions.Options;
using Npgsql;
using NpgsqlTypes;

namespace ClientCrm.Benchmarks;

/// <summary>The kind of client the generator made, which decides how its projects and card look.</summary>
public enum ClientProfile
{
    /// <summary>A-like: good card, many batches every year, large volume.</summary>
    Key = 1,

    /// <summary>B-like: sound card with at least one B-level value, steady batches.</summary>
    Regular = 2,

    /// <summary>Anything: random card, few batches, often long ago; some with none at all.</summary>
    Other = 3,
}

/// <summary>What was generated, for the log and for a benchmark's sanity checks.</summary>
public sealed record BenchmarkDataProfile(
    int Departments, int Users, int KeyClients, int RegularClients, int OtherClients, int ClientsWithoutProjects,
    int Projects, int ContractedProjects, int RunningProjects, int Incidents, int OpenIncidents, int OpenWageArrears)
{
    /// <summary>Principal cards (page benchmark only; 0 otherwise).</summary>
    public long Principals { get; init; }

    /// <summary>Audit log lines (page benchmark only; 0 otherwise).</summary>
    public long AuditRows { get; init; }

    public override string ToString() => string.Create(CultureInfo.InvariantCulture,
        $"""
        Data: {Departments} departments, {Users} users (a head in each department, {BenchmarkDataGenerator.LeaderCount} leaders, an admin);
              clients {KeyClients + RegularClients + OtherClients:N0} (key {KeyClients:N0}, regular {RegularClients:N0}, other {OtherClients:N0}; {ClientsWithoutProjects:N0} without projects);
              projects {Projects:N0} ({ContractedProjects:N0} contracted, {RunningProjects:N0} running today);
              incidents {Incidents:N0} ({OpenIncidents:N0} open, {OpenWageArrears:N0} open wage arrears){(Principals + AuditRows > 0 ? $"{Environment.NewLine}      principals {Principals:N0}, audit rows {AuditRows:N0}" : "")}
        """);
}

/// <summary>
/// Generates a realistic, deterministic company — 10 departments of 10 staff (the first of each its head) and two
/// leaders, with the four roles; clients across the destination
/// countries, six years of recruitment batches, worker incidents — and writes it with binary COPY. The same
/// <see cref="BenchmarkDataSize"/> always gives the same rows relative to <c>today</c> (fixed seeds; ids are
/// version-7 UUIDs built from the seeded generator), except the incident descriptions, which are real AES-GCM
/// ciphertext with random nonces.
/// </summary>
/// <remarks>
/// Shape (default size): 5% key clients (weight ≈ 4.5 → ~40 projects each, 35% of them drawn from the last year and
/// the rest from all six, all card values at A level), 20% regular (≈ 19 projects, card at B level), 75% other (≈ 6 projects, 15% with none,
/// card values random, batches skewed to the past). Every client is stored as grade C, as after the migration that
/// introduced grades, so the first run proposes every A and B it finds. Incidents: wage arrears 20%, labour dispute
/// 20%, early repatriation 30%, accident 15%, other 15%; a quarter of wage arrears still open (≈ 5% of all
/// incidents), 15% of the other types. Incidents fall on a client drawn uniformly, then one of its departed projects.
/// </remarks>
public sealed partial class BenchmarkDataGenerator(BenchmarkDataSize size, DateOnly today, BusinessClock clock, IFieldCipher cipher,
    PageDataSize? pages = null, IBlindIndexer? indexer = null)
{
    public const int DepartmentCount = 10;
    public const int OwnersPerDepartment = 10;
    public const int LeaderCount = 2;
    private const int HistoryDays = 6 * 365;

    private static readonly string[] PopularCountries = ["SA", "AE", "SG", "JP", "KR", "QA", "KW", "MY", "DE", "IL", "OM", "RU"];
    private static readonly string[] NameStems =
        ["Al Noor", "Gulf Star", "Pacific", "Sakura", "Hanil", "Desert Rose", "Nordstern", "Lion City", "Crescent", "Orient", "Falcon", "Evergreen"];
    private static readonly (string Code, decimal CnyPerUnit)[] Currencies =
        [("USD", 7.10m), ("USD", 7.10m), ("USD", 7.10m), ("USD", 7.10m), ("EUR", 7.80m), ("JPY", 0.048m), ("SAR", 1.89m), ("SAR", 1.89m), ("AED", 1.93m), ("SGD", 5.30m)];
    private static readonly Industry[] Industries = Enum.GetValues<Industry>();

    private readonly DateTimeOffset _now = new(today.ToDateTime(new TimeOnly(8, 0)), TimeSpan.Zero);
    private readonly IFieldCipher _cipher = cipher ?? throw new ArgumentNullException(nameof(cipher));

    // What later tables need of earlier ones; one entry per user / per client / per project.
    private string[] _userIds = [];
    private string[] _leaderIds = [];
    private string[] _userNames = [];
    private int[] _clientOwners = [];
    private Guid[] _clientIds = [];
    private string[] _clientCountries = [];
    private ClientProfile[] _profiles = [];
    private int[] _firstProject = [];
    private int[] _projectCount = [];
    private ProjectFacts[] _projects = [];

    /// <summary>The clients in the order generated, with the kind each was made as (after <see cref="LoadAsync"/>).</summary>
    public IReadOnlyList<Guid> ClientIds => _clientIds;

    /// <summary>Per client, as <see cref="ClientIds"/>: the kind it was made as.</summary>
    public IReadOnlyList<ClientProfile> Profiles => _profiles;

    /// <summary>Per client, as <see cref="ClientIds"/>: how many projects it has (0 for 15% of the other clients).</summary>
    public IReadOnlyList<int> ProjectCounts => _projectCount;

    public async Task<BenchmarkDataProfile> LoadAsync(NpgsqlConnection connection, TextWriter log, CancellationToken ct = default)
    {
        ArgumentNullException.ThrowIfNull(connection);
        ArgumentNullException.ThrowIfNull(log);
        var step = Stopwatch.StartNew();
        var users = await WriteOrganisationAsync(connection, ct);
        var (key, regular, other, without) = await WriteClientsAsync(connection, ct);
        log.WriteLine(Invariant($"  clients   {size.Clients,10:N0} in {step.Elapsed.TotalSeconds,5:0.0} s"));
        step.Restart();
        var (contracted, running) = await WriteProjectsAsync(connection, ct);
        log.WriteLine(Invariant($"  projects  {size.Projects,10:N0} in {step.Elapsed.TotalSeconds,5:0.0} s"));
        step.Restart();
        var (open, openArrears) = await WriteIncidentsAsync(connection, ct);
        log.WriteLine(Invariant($"  incidents {size.Incidents,10:N0} in {step.Elapsed.TotalSeconds,5:0.0} s"));
        long principals = 0, audit = 0;
        if (pages is not null)
        {
            step.Restart();
            principals = await WritePrincipalsAsync(connection, ct);
            log.WriteLine(Invariant($"  principals {principals,9:N0} in {step.Elapsed.TotalSeconds,5:0.0} s"));
            step.Restart();
            audit = await WriteAuditAsync(connection, pages.AuditRows, ct);
            log.WriteLine(Invariant($"  audit rows {audit,9:N0} in {step.Elapsed.TotalSeconds,5:0.0} s"));
        }

        return new BenchmarkDataProfile(DepartmentCount, users, key, regular, other, without, size.Projects, contracted, running,
            size.Incidents, open, openArrears) { Principals = principals, AuditRows = audit };
    }

    private async Task<int> WriteOrganisationAsync(NpgsqlConnection connection, CancellationToken ct)
    {
        var random = new Random(1);
        await using (var writer = await connection.BeginBinaryImportAsync("""COPY "Departments" ("Id", "Name", "Code") FROM STDIN (FORMAT BINARY)""", ct))
        {
            for (var d = 1; d <= DepartmentCount; d++)
            {
                await writer.WriteRowAsync(ct, d, Invariant($"业务{d}部"), Invariant($"D{d:00}"));
            }

            await writer.CompleteAsync(ct);
        }

        await using (var sequence = new NpgsqlCommand(
            Invariant($"""SELECT setval(pg_get_serial_sequence('"Departments"', 'Id'), {DepartmentCount})"""), connection))
        {
            await sequence.ExecuteNonQueryAsync(ct);
        }

        // Staff own the clients; the first of each department's ten is also its head. Two leaders without a department
        // see everything. Heads and leaders are who the warning engine notifies besides the owner. Everyone can sign in
        // with BenchPassword: one PBKDF2 hash made as the app makes them (210,000 iterations), shared by all.
        _userIds = new string[DepartmentCount * OwnersPerDepartment];
        _leaderIds = new string[LeaderCount];
        _userNames = new string[_userIds.Length + _leaderIds.Length];
        var passwordHash = PasswordHash();
        var users = new CopyTable<UserRow>("AspNetUsers")
            .Column("Id", NpgsqlDbType.Text, u => u.Id)
            .Column("DisplayName", NpgsqlDbType.Varchar, u => u.DisplayName)
            .Column("DepartmentId", NpgsqlDbType.Integer, u => u.DepartmentId)
            .Column("IsDisabled", NpgsqlDbType.Boolean, _ => false)
            .Column("CreatedAt", NpgsqlDbType.TimestampTz, _ => _now.AddYears(-7))
            .Column("UserName", NpgsqlDbType.Varchar, u => u.UserName)
            .Column("NormalizedUserName", NpgsqlDbType.Varchar, u => u.UserName.ToUpperInvariant())
            .Column("EmailConfirmed", NpgsqlDbType.Boolean, _ => false)
            .Column("PasswordHash", NpgsqlDbType.Text, _ => passwordHash)
            .Column("SecurityStamp", NpgsqlDbType.Text, u => u.SecurityStamp)
            .Column("ConcurrencyStamp", NpgsqlDbType.Text, u => u.ConcurrencyStamp)
            .Column("PhoneNumberConfirmed", NpgsqlDbType.Boolean, _ => false)
            .Column("TwoFactorEnabled", NpgsqlDbType.Boolean, _ => false)
            .Column("LockoutEnabled", NpgsqlDbType.Boolean, _ => true)
            .Column("AccessFailedCount", NpgsqlDbType.Integer, _ => 0);
        await users.WriteAsync(connection, UserRows(random).Append(AdminRow()), ct);

        // The four roles, as DatabaseInitializer.EnsureRolesAsync creates them, and one role per user.
        var roleIds = Roles.All.ToDictionary(r => r, _ => NewId(_now.AddYears(-7), random).ToString());
        await using (var writer = await connection.BeginBinaryImportAsync(
            """COPY "AspNetRoles" ("Id", "Name", "NormalizedName", "ConcurrencyStamp") FROM STDIN (FORMAT BINARY)""", ct))
        {
            foreach (var (role, id) in roleIds)
            {
                await writer.WriteRowAsync(ct, id, role, role.ToUpperInvariant(), NewId(_now, random).ToString());
            }

            await writer.CompleteAsync(ct);
        }

        await using (var writer = await connection.BeginBinaryImportAsync(
            """COPY "AspNetUserRoles" ("UserId", "RoleId") FROM STDIN (FORMAT BINARY)""", ct))
        {
            for (var u = 0; u < _userIds.Length; u++)
            {
                await writer.WriteRowAsync(ct, _userIds[u], roleIds[u % OwnersPerDepartment == 0 ? Roles.DepartmentHead : Roles.Staff]);
            }

            foreach (var leader in _leaderIds)
            {
                await writer.WriteRowAsync(ct, leader, roleIds[Roles.Leader]);
            }

            await writer.WriteRowAsync(ct, AdminId, roleIds[Roles.Admin]);
            await writer.CompleteAsync(ct);
        }

        return _userIds.Length + _leaderIds.Length + 1;
    }

    private const string AdminId = "0190a1b2-0000-7000-8000-00000000ad01";

    /// <summary>The admin, for the admin pages; made after everyone else and from no random draw, so the data stays the same.</summary>
    private static UserRow AdminRow() => new(AdminId, "系统管理员", null, AdminUser, "0190a1b20000700080000000000000ad", "0190a1b2-0000-7000-8000-00000000ad02");

    public const string AdminUser = "admin1";

    // Random draws in the order the generator has always made them (id, then the two stamps), so the data stays the same.
    private IEnumerable<UserRow> UserRows(Random random)
    {
        for (var u = 0; u < _userIds.Length + _leaderIds.Length; u++)
        {
            var id = NewId(_now.AddYears(-7), random).ToString();
            var staff = u < _userIds.Length;
            if (staff)
            {
                _userIds[u] = id;
            }
            else
            {
                _leaderIds[u - _userIds.Length] = id;
            }

            var userName = staff ? Invariant($"staff{u:000}") : Invariant($"leader{u - _userIds.Length + 1}");
            _userNames[u] = userName;
            var displayName = staff ? Invariant($"业务员 {u:000}") : Invariant($"领导 {u - _userIds.Length + 1}");
            var securityStamp = NewId(_now, random).ToString("N");
            var concurrencyStamp = NewId(_now, random).ToString();
            yield return new UserRow(id, displayName, staff ? (u / OwnersPerDepartment) + 1 : null, userName, securityStamp, concurrencyStamp);
        }
    }

    /// <summary>The PBKDF2 hash of <see cref="BenchPassword"/> with the app's work factor, checked once.</summary>
    private static string PasswordHash()
    {
        var hasher = new PasswordHasher<CrmUser>(Options.Create(new PasswordHasherOptions { IterationCount = PasswordIterations }));
        var user = new CrmUser();
        var hash = hasher.HashPassword(user, BenchPassword);
        if (hasher.VerifyHashedPassword(user, hash, BenchPassword) != PasswordVerificationResult.Success)
        {
            throw new InvalidOperationException("The generated password hash does not verify.");
        }

        return hash;
    }

    private async Task<(int Key, int Regular, int Other, int Without)> WriteClientsAsync(NpgsqlConnection connection, CancellationToken ct)
    {
        var random = new Random(2);
        var n = size.Clients;
        _clientIds = new Guid[n];
        _clientCountries = new string[n];
        _clientOwners = new int[n];
        var profiles = new ClientProfile[n];
        var weights = new double[n];
        for (var i = 0; i < n; i++)
        {
            var roll = random.NextDouble();
            profiles[i] = roll < 0.05 ? ClientProfile.Key : roll < 0.25 ? ClientProfile.Regular : ClientProfile.Other;
            weights[i] = profiles[i] switch
            {
                ClientProfile.Key => 3.5 + random.NextDouble() * 2,
                ClientProfile.Regular => 1.5 + random.NextDouble(),
                _ => random.NextDouble() < 0.15 ? 0 : random.NextDouble() * 1.4,
            };
        }

        AllocateProjects(weights, random);

        // One line per column. The confidential values (page benchmark only) are null otherwise, as the other
        // benchmarks have always had them; ChineseName likewise.
        var clients = new CopyTable<ClientRow>("Clients")
            .Column("Id", NpgsqlDbType.Uuid, c => c.Id)
            .Column("Type", NpgsqlDbType.Integer, c => (int)c.Type)
            .Column("LegalForm", NpgsqlDbType.Integer, c => c.LegalForm)
            .Column("Name", NpgsqlDbType.Varchar, c => c.Name)
            .Column("ChineseName", NpgsqlDbType.Varchar, c => c.ChineseName)
            .Column("NormalizedName", NpgsqlDbType.Varchar, c => Client.NormalizeName(c.Name))
            .Column("CountryCode", NpgsqlDbType.Char, c => c.Country.Code)
            .Column("Region", NpgsqlDbType.Integer, c => (int)c.Country.Region)
            .Column("Industry", NpgsqlDbType.Integer, c => (int)c.Industry)
            .Column("EmployeeCount", NpgsqlDbType.Integer, c => c.EmployeeCount)
            .Column("YearEstablished", NpgsqlDbType.Integer, c => c.YearEstablished)
            .Column("CreditRating", NpgsqlDbType.Integer, c => (int)c.Credit)
            .Column("OperatingStatus", NpgsqlDbType.Integer, c => (int)c.Operating)
            .Column("DemandTrend", NpgsqlDbType.Integer, c => (int)c.Demand)
            .Column("CooperationIntent", NpgsqlDbType.Integer, c => (int)c.Intent)
            .Column("OwnerId", NpgsqlDbType.Varchar, c => _userIds[c.Owner])
            .Column("DepartmentId", NpgsqlDbType.Integer, c => (c.Owner / OwnersPerDepartment) + 1)
            .Column("Status", NpgsqlDbType.Integer, c => (int)c.Status)
            // A paused or terminated client has the reason it was given (no random draw, so the data stays as it was).
            .Column("StatusReason", NpgsqlDbType.Varchar, c => ClientStatusRules.NeedsReason(c.Status) ? "合作条件变化 Terms of cooperation changed" : null)
            .Column("RegisteredAt", NpgsqlDbType.TimestampTz, c => c.Registered)
            .Column("UpdatedAt", NpgsqlDbType.TimestampTz, c => c.Updated)
            .Column("CardReviewedAt", NpgsqlDbType.TimestampTz, c => c.Updated)
            .Column("CardReviewDueOn", NpgsqlDbType.Date, c => Client.CardReviewDueOnAfter(clock.DateOf(c.Updated)))
            .Column("Grade", NpgsqlDbType.Integer, _ => 3)
            .Column("LastContactOn", NpgsqlDbType.Date, c => c.LastContactOn)
            // Every client is loaded as C; the page benchmark reschedules those it grades otherwise (ContactSchedule).
            .Column("ContactDueOn", NpgsqlDbType.Date, c => ContactDuty.DueOn(ClientGrade.C,
                Client.ContactClockStartOf(c.LastContactOn, clock.DateOf(c.Registered)), GradingThresholds.Default))
            .Column("Phone", NpgsqlDbType.Bytea, c => c.Secrets?.Phone.Cipher)
            .Column("PhoneIndex", NpgsqlDbType.Bytea, c => c.Secrets?.Phone.Index)
            .Column("Email", NpgsqlDbType.Bytea, c => c.Secrets?.Email.Cipher)
            .Column("EmailIndex", NpgsqlDbType.Bytea, c => c.Secrets?.Email.Index)
            .Column("TaxNumber", NpgsqlDbType.Bytea, c => c.Secrets?.TaxNumber.Cipher)
            .Column("TaxNumberIndex", NpgsqlDbType.Bytea, c => c.Secrets?.TaxNumber.Index)
            .Column("RegistrationNumber", NpgsqlDbType.Bytea, c => c.Secrets?.RegistrationNumber.Cipher)
            .Column("RegistrationNumberIndex", NpgsqlDbType.Bytea, c => c.Secrets?.RegistrationNumber.Index);
        await clients.WriteAsync(connection, ClientRows(profiles, random), ct);
        _profiles = profiles;
        return (profiles.Count(p => p == ClientProfile.Key), profiles.Count(p => p == ClientProfile.Regular),
            profiles.Count(p => p == ClientProfile.Other), _projectCount.Count(c => c == 0));
    }

    // The random draws are made in the order the generator has always made them, so a size gives the same clients as
    // before; the page benchmark's extra values come from a generator of their own for the same reason.
    private IEnumerable<ClientRow> ClientRows(ClientProfile[] profiles, Random random)
    {
        var extra = pages is null ? null : new Random(12);
        for (var i = 0; i < profiles.Length; i++)
        {
            var profile = profiles[i];
            // Clients with batches were registered before the six years of history; the rest at any time in seven years.
            var registered = _now.AddDays(-(_projectCount[i] > 0 ? HistoryDays + random.Next(30, 400) : random.Next(0, HistoryDays + 365)))
                .AddMinutes(random.Next(0, 600));
            _clientIds[i] = NewId(registered, random);
            var country = random.NextDouble() < 0.8
                ? Countries.Find(PopularCountries[random.Next(PopularCountries.Length)])!
                : Countries.All[random.Next(Countries.All.Count)];
            _clientCountries[i] = country.Code;
            var stem = random.Next(NameStems.Length);
            var name = Invariant($"{NameStems[stem]} {Industries[random.Next(Industries.Length)]} {country.Code} {i:000000}");
            var (status, credit, operating, demand, intent) = Card(profile, _projectCount[i] > 0, random);
            var updated = registered.AddDays(random.Next(0, Math.Max(1, (int)(_now - registered).TotalDays)));
            var owner = random.Next(_userIds.Length);
            _clientOwners[i] = owner;
            var type = random.NextDouble() < 0.8 ? ClientType.Employer : ClientType.Intermediary;
            var legalForm = random.NextDouble() < 0.9 ? (int)LegalForm.Company : random.Next(2, 5);
            var industry = Industries[random.Next(Industries.Length)];
            var employees = random.Next(20, 5000);
            var established = random.Next(1960, 2020);
            DateOnly? lastContact = random.NextDouble() < 0.9 ? today.AddDays(-random.Next(0, 240)) : null;

            string? chineseName = null;
            ClientSecrets? secrets = null;
            if (extra is not null)
            {
                chineseName = extra.NextDouble() < 0.3
                    ? Invariant($"{ChineseStems[stem]}{ChineseIndustries[extra.Next(ChineseIndustries.Length)]}有限公司{i:000000}")
                    : null;
                secrets = new ClientSecrets(
                    Protect(BlindIndexKind.Phone, ClientPhone(country.Code, i)),
                    Protect(BlindIndexKind.Email, ClientEmail(stem, country.Code, i)),
                    Protect(BlindIndexKind.TaxNumber, Invariant($"TX{country.Code}{i:000000000}")),
                    Protect(BlindIndexKind.RegistrationNumber, Invariant($"{country.Code}-{i:00000000}-R")));
            }

            yield return new ClientRow(_clientIds[i], type, legalForm, name, chineseName, country, industry, employees, established,
                credit, operating, demand, intent, owner, status, registered, updated, lastContact, secrets);
        }
    }

    // Projects in proportion to the weights, the rounding remainder spread one by one over random clients with weight.
    private void AllocateProjects(double[] weights, Random random)
    {
        var n = weights.Length;
        _projectCount = new int[n];
        _firstProject = new int[n];
        var total = weights.Sum();
        var given = 0;
        for (var i = 0; i < n; i++)
        {
            _projectCount[i] = total > 0 ? (int)(size.Projects * weights[i] / total) : 0;
            given += _projectCount[i];
        }

        while (given < size.Projects)
        {
            var i = random.Next(n);
            if (weights[i] > 0 || total <= 0)
            {
                _projectCount[i]++;
                given++;
            }
        }

        for (int i = 0, next = 0; i < n; i++)
        {
            _firstProject[i] = next;
            next += _projectCount[i];
        }
    }

    private static (ClientStatus, CreditRating, OperatingStatus, DemandTrend, CooperationIntent) Card(ClientProfile profile, bool hasProjects, Random random)
    {
        switch (profile)
        {
            case ClientProfile.Key:
                return (ClientStatus.Active, random.NextDouble() < 0.6 ? CreditRating.Excellent : CreditRating.Good, OperatingStatus.Good,
                    DemandTrend.Growing, CooperationIntent.Strong);
            case ClientProfile.Regular:
                var operating = random.NextDouble() < 0.5 ? OperatingStatus.Good : OperatingStatus.Stable;
                var demand = random.NextDouble() < 0.5 ? DemandTrend.Growing : DemandTrend.Stable;
                var intent = random.NextDouble() < 0.5 ? CooperationIntent.Strong : CooperationIntent.Normal;
                if (operating == OperatingStatus.Good && demand == DemandTrend.Growing && intent == CooperationIntent.Strong)
                {
                    operating = OperatingStatus.Stable;
                }

                return (ClientStatus.Active, random.NextDouble() < 0.4 ? CreditRating.Excellent : CreditRating.Good, operating, demand, intent);
            default:
                var roll = random.NextDouble();
                var status = !hasProjects
                    ? (roll < 0.6 ? ClientStatus.Prospect : roll < 0.9 ? ClientStatus.UnderEvaluation : ClientStatus.Terminated)
                    : (roll < 0.75 ? ClientStatus.Active : roll < 0.9 ? ClientStatus.Paused : ClientStatus.Terminated);
                return (status,
                    Pick(random, CreditRating.Excellent, CreditRating.Good, CreditRating.Fair, CreditRating.Poor, CreditRating.Unknown),
                    Pick(random, OperatingStatus.Good, OperatingStatus.Stable, OperatingStatus.Declining, OperatingStatus.Distressed),
                    Pick(random, DemandTrend.Growing, DemandTrend.Stable, DemandTrend.Falling),
                    Pick(random, CooperationIntent.Strong, CooperationIntent.Normal, CooperationIntent.Weak));
        }
    }

    private async Task<(int Contracted, int Running)> WriteProjectsAsync(NpgsqlConnection connection, CancellationToken ct)
    {
        _projects = new ProjectFacts[size.Projects];
        var projects = new CopyTable<ProjectRow>("CooperationProjects")
            .Column("Id", NpgsqlDbType.Uuid, p => p.Id)
            .Column("ClientId", NpgsqlDbType.Uuid, p => p.ClientId)
            .Column("Name", NpgsqlDbType.Varchar, p => p.Name)
            .Column("JobTypes", NpgsqlDbType.Varchar, p => p.JobTypes)
            .Column("WorkCountryCode", NpgsqlDbType.Char, p => p.Country)
            .Column("WorkersRequested", NpgsqlDbType.Integer, p => p.Batch.Requested)
            .Column("WorkersDispatched", NpgsqlDbType.Integer, p => p.Batch.Dispatched)
            .Column("ContractAmount", NpgsqlDbType.Numeric, p => p.Amount?.Amount)
            .Column("Currency", NpgsqlDbType.Varchar, p => p.Amount?.Currency)
            .Column("AmountCny", NpgsqlDbType.Numeric, p => p.Amount?.Cny)
            .Column("RateUsed", NpgsqlDbType.Numeric, p => p.Amount?.Rate)
            .Column("RateDate", NpgsqlDbType.Date, p => p.Amount?.RateDate)
            .Column("ContractSignedOn", NpgsqlDbType.Date, p => p.Batch.Status >= ProjectStatus.Recruiting ? p.Batch.Signed : (DateOnly?)null)
            .Column("DepartureOn", NpgsqlDbType.Date, p => p.Batch.Departure)
            .Column("ContractEndOn", NpgsqlDbType.Date, p => p.Batch.End)
            .Column("Status", NpgsqlDbType.Integer, p => (int)p.Batch.Status)
            .Column("CreatedAt", NpgsqlDbType.TimestampTz, p => p.Created)
            .Column("UpdatedAt", NpgsqlDbType.TimestampTz, p => p.Updated);
        int contracted = 0, running = 0;
        await projects.WriteAsync(connection, ProjectRows(new Random(3)).Select(p =>
        {
            contracted += p.Batch.Status >= ProjectStatus.Recruiting ? 1 : 0;
            running += p.Batch.Status is ProjectStatus.Dispatched or ProjectStatus.InService ? 1 : 0;
            return p;
        }), ct);
        return (contracted, running);
    }

    // The random draws in the order the generator has always made them, so a size gives the same batches as before.
    private IEnumerable<ProjectRow> ProjectRows(Random random)
    {
        for (var c = 0; c < _clientIds.Length; c++)
        {
            var profile = _profiles[c];
            for (var k = 0; k < _projectCount[c]; k++)
            {
                var p = Project(profile, random);
                var created = new DateTimeOffset(p.Signed.AddDays(-random.Next(10, 90)).ToDateTime(new TimeOnly(9, 0)), TimeSpan.Zero)
                    .AddMinutes(random.Next(0, 480));
                var id = NewId(created, random);
                var lastChange = p.End is { } end && end < today ? end : p.Departure ?? p.Signed;
                var updated = new DateTimeOffset(Min(lastChange, today).ToDateTime(new TimeOnly(10, 0)), TimeSpan.Zero);
                if (updated < created)
                {
                    updated = created;
                }

                // A batch ended early without an end date on record stopped some time after departure.
                var until = p.End ?? (p.Status == ProjectStatus.Terminated ? Min(p.Departure!.Value.AddDays(90), today) : today);
                _projects[_firstProject[c] + k] = new ProjectFacts(id, p.Departure, until, p.Dispatched);

                var country = random.NextDouble() < 0.8 ? _clientCountries[c]
                    : Countries.All[random.Next(Countries.All.Count)].Code;
                var jobTypes = Industries[random.Next(Industries.Length)].ToString();
                ProjectAmount? amount = null;
                if (random.NextDouble() < 0.9)
                {
                    var (currency, rate) = Currencies[random.Next(Currencies.Length)];
                    var cnyPerWorker = random.Next(30_000, 90_000);
                    var value = decimal.Round(p.Requested * cnyPerWorker / rate, 2);
                    amount = new ProjectAmount(value, currency, decimal.Round(value * rate, 2, MidpointRounding.AwayFromZero), rate,
                        new DateOnly(p.Signed.Year, p.Signed.Month, 1));
                }

                yield return new ProjectRow(id, _clientIds[c], Invariant($"{country} {p.Signed:yyyy-MM} batch {k + 1}"), jobTypes, country, p,
                    amount, created, updated);
            }
        }
    }

    // One batch: signed on a day of the last six years, departed 3–13 weeks later, a one- to three-year contract.
    private GeneratedProject Project(ClientProfile profile, Random random)
    {
        var roll = random.NextDouble();
        var daysAgo = profile switch
        {
            ClientProfile.Key => roll < 0.35 ? random.Next(0, 365) : random.Next(0, HistoryDays),
            ClientProfile.Regular => roll < 0.2 ? random.Next(0, 365) : roll < 0.4 ? random.Next(365, 730) : random.Next(0, HistoryDays),
            // Other clients' batches lean to the past: fewer of them are still growing.
            _ => (int)(HistoryDays * Math.Sqrt(random.NextDouble())),
        };
        var signed = today.AddDays(-daysAgo);
        var requested = profile switch
        {
            ClientProfile.Key => random.Next(10, 81),
            ClientProfile.Regular => random.Next(5, 51),
            _ => random.Next(2, 41),
        };

        // Some batches are still being negotiated: no contract, no dates (their "signed" day is only when talks began).
        if (random.NextDouble() < 0.06)
        {
            return new GeneratedProject(signed, null, null, requested, 0,
                random.NextDouble() < 0.5 ? ProjectStatus.Negotiating : ProjectStatus.ContractReview);
        }

        var departure = signed.AddDays(random.Next(20, 91));
        if (departure > today)
        {
            return new GeneratedProject(signed, null, null, requested, 0, ProjectStatus.Recruiting);
        }

        var dispatched = Math.Max(1, requested * random.Next(70, 101) / 100);
        var end = departure.AddDays(random.Next(365, 1096));
        if (end <= today)
        {
            if (random.NextDouble() < 0.1)
            {
                // Ended early; one in five of those without an end date recorded.
                var stopped = departure.AddDays(random.Next(30, end.DayNumber - departure.DayNumber));
                return new GeneratedProject(signed, departure, random.NextDouble() < 0.2 ? null : stopped, requested, dispatched, ProjectStatus.Terminated);
            }

            return new GeneratedProject(signed, departure, end, requested, dispatched, ProjectStatus.Completed);
        }

        return new GeneratedProject(signed, departure, end, requested, dispatched,
            today.DayNumber - departure.DayNumber < 30 ? ProjectStatus.Dispatched : ProjectStatus.InService);
    }

    private async Task<(int Open, int OpenWageArrears)> WriteIncidentsAsync(NpgsqlConnection connection, CancellationToken ct)
    {
        var incidents = new CopyTable<IncidentRow>("WorkerIncidents")
            .Column("Id", NpgsqlDbType.Uuid, i => i.Id)
            .Column("ProjectId", NpgsqlDbType.Uuid, i => i.ProjectId)
            .Column("ClientId", NpgsqlDbType.Uuid, i => i.ClientId)
            .Column("Type", NpgsqlDbType.Integer, i => (int)i.Type)
            .Column("OccurredOn", NpgsqlDbType.Date, i => i.Occurred)
            .Column("WorkersAffected", NpgsqlDbType.Integer, i => i.WorkersAffected)
            .Column("Description", NpgsqlDbType.Bytea, i => _cipher.Encrypt(Invariant($"{i.Type} reported by the site supervisor, case {i.Number:000000}")))
            .Column("Status", NpgsqlDbType.Integer, i => (int)i.Status)
            .Column("ResolvedOn", NpgsqlDbType.Date, i => i.Resolved)
            // Wage arrears carry the wages owed (required by the domain); no random draw, so the data stays as it was.
            .Column("ArrearsAmount", NpgsqlDbType.Numeric, i => i.Type == IncidentType.WageArrears ? i.WorkersAffected * 1_500m : (decimal?)null)
            .Column("ArrearsCurrency", NpgsqlDbType.Varchar, i => i.Type == IncidentType.WageArrears ? "USD" : null)
            .Column("RecordedAt", NpgsqlDbType.TimestampTz, i => i.Recorded)
            .Column("UpdatedAt", NpgsqlDbType.TimestampTz,
                i => i.Resolved is { } r ? new DateTimeOffset(r.ToDateTime(new TimeOnly(16, 0)), TimeSpan.Zero) : i.Recorded);
        int open = 0, openArrears = 0;
        await incidents.WriteAsync(connection, IncidentRows(new Random(4)).Select(i =>
        {
            open += i.Status != IncidentStatus.Resolved ? 1 : 0;
            openArrears += i.Status != IncidentStatus.Resolved && i.Type == IncidentType.WageArrears ? 1 : 0;
            return i;
        }), ct);
        return (open, openArrears);
    }

    // The random draws in the order the generator has always made them, so a size gives the same incidents as before.
    private IEnumerable<IncidentRow> IncidentRows(Random random)
    {
        for (var n = 0; n < size.Incidents; n++)
        {
            var (client, project) = DepartedProject(random);
            var span = Math.Max(1, Min(project.Until, today).DayNumber - project.Departure!.Value.DayNumber);
            var occurred = project.Departure.Value.AddDays(random.Next(0, span));
            var roll = random.NextDouble();
            var type = roll < 0.2 ? IncidentType.WageArrears : roll < 0.4 ? IncidentType.LaborDispute
                : roll < 0.7 ? IncidentType.EarlyRepatriation : roll < 0.85 ? IncidentType.Accident : IncidentType.Other;
            roll = random.NextDouble();
            var openShare = type == IncidentType.WageArrears ? 0.25 : 0.15;
            var status = roll < openShare * 0.6 ? IncidentStatus.Open : roll < openShare ? IncidentStatus.Handling : IncidentStatus.Resolved;
            var recorded = new DateTimeOffset(Min(occurred.AddDays(random.Next(0, 4)), today).ToDateTime(new TimeOnly(11, 0)), TimeSpan.Zero);
            DateOnly? resolved = status == IncidentStatus.Resolved ? Min(occurred.AddDays(random.Next(1, 61)), today) : null;
            var id = NewId(recorded, random);
            var affected = random.Next(1, Math.Min(project.Dispatched, 10) + 1);
            yield return new IncidentRow(id, project.Id, _clientIds[client], n, type, occurred, affected, status, resolved, recorded);
        }
    }

    // A client drawn uniformly among those with batches, then one of its batches whose workers have left.
    private (int Client, ProjectFacts Project) DepartedProject(Random random)
    {
        for (var attempt = 0; ; attempt++)
        {
            var c = random.Next(_clientIds.Length);
            if (_projectCount[c] == 0 && attempt < 1000)
            {
                continue;
            }

            if (_projectCount[c] > 0)
            {
                for (var k = 0; k < 8; k++)
                {
                    var p = _projects[_firstProject[c] + random.Next(_projectCount[c])];
                    if (p.Departure is not null)
                    {
                        return (c, p);
                    }
                }
            }

            if (attempt >= 1000)
            {
                throw new InvalidOperationException("No departed project to put an incident on; generate more projects.");
            }
        }
    }

    /// <summary>A version-7 UUID (RFC 9562) for <paramref name="at"/> whose random bits come from the seeded generator.</summary>
    public static Guid NewId(DateTimeOffset at, Random random)
    {
        ArgumentNullException.ThrowIfNull(random);
        Span<byte> bytes = stackalloc byte[16];
        random.NextBytes(bytes);
        var ms = at.ToUnixTimeMilliseconds();
        for (var i = 0; i < 6; i++)
        {
            bytes[i] = (byte)(ms >> (8 * (5 - i)));
        }

        bytes[6] = (byte)(0x70 | (bytes[6] & 0x0F));
        bytes[8] = (byte)(0x80 | (bytes[8] & 0x3F));
        return new Guid(bytes, bigEndian: true);
    }

    private static T Pick<T>(Random random, params T[] values) => values[random.Next(values.Length)];

    private static DateOnly Min(DateOnly a, DateOnly b) => a < b ? a : b;

    private static string Invariant(FormattableString text) => text.ToString(CultureInfo.InvariantCulture);

    private readonly record struct GeneratedProject(DateOnly Signed, DateOnly? Departure, DateOnly? End, int Requested, int Dispatched, ProjectStatus Status);

    private readonly record struct ProjectFacts(Guid Id, DateOnly? Departure, DateOnly Until, int Dispatched);

    private sealed record ProjectAmount(decimal Amount, string Currency, decimal Cny, decimal Rate, DateOnly RateDate);

    private readonly record struct ProjectRow(Guid Id, Guid ClientId, string Name, string JobTypes, string Country, GeneratedProject Batch,
        ProjectAmount? Amount, DateTimeOffset Created, DateTimeOffset Updated);

    private readonly record struct IncidentRow(Guid Id, Guid ProjectId, Guid ClientId, int Number, IncidentType Type, DateOnly Occurred,
        int WorkersAffected, IncidentStatus Status, DateOnly? Resolved, DateTimeOffset Recorded);
}
