using System.Diagnostics;
using System.Globalization;
using ClientCrm.Domain.Access;
using ClientCrm.Domain.Clients;
using ClientCrm.Domain.Cooperation;
using ClientCrm.Infrastructure.Security;
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
    public override string ToString() => string.Create(CultureInfo.InvariantCulture,
        $"""
        Data: {Departments} departments, {Users} users (a head in each department, {BenchmarkDataGenerator.LeaderCount} leaders);
              clients {KeyClients + RegularClients + OtherClients:N0} (key {KeyClients:N0}, regular {RegularClients:N0}, other {OtherClients:N0}; {ClientsWithoutProjects:N0} without projects);
              projects {Projects:N0} ({ContractedProjects:N0} contracted, {RunningProjects:N0} running today);
              incidents {Incidents:N0} ({OpenIncidents:N0} open, {OpenWageArrears:N0} open wage arrears)
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
public sealed class BenchmarkDataGenerator(BenchmarkDataSize size, DateOnly today, IFieldCipher cipher)
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

    // What later tables need of earlier ones; one entry per client / per project.
    private string[] _userIds = [];
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
        return new BenchmarkDataProfile(DepartmentCount, users, key, regular, other, without, size.Projects, contracted, running,
            size.Incidents, open, openArrears);
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
        // see everything. Heads and leaders are who the warning engine notifies besides the owner.
        _userIds = new string[DepartmentCount * OwnersPerDepartment];
        var leaderIds = new string[LeaderCount];
        await using (var writer = await connection.BeginBinaryImportAsync(
            """
            COPY "AspNetUsers" ("Id", "DisplayName", "DepartmentId", "IsDisabled", "CreatedAt", "UserName", "NormalizedUserName",
                "EmailConfirmed", "SecurityStamp", "ConcurrencyStamp", "PhoneNumberConfirmed", "TwoFactorEnabled", "LockoutEnabled",
                "AccessFailedCount") FROM STDIN (FORMAT BINARY)
            """, ct))
        {
            for (var u = 0; u < _userIds.Length + leaderIds.Length; u++)
            {
                var id = NewId(_now.AddYears(-7), random).ToString();
                var staff = u < _userIds.Length;
                if (staff)
                {
                    _userIds[u] = id;
                }
                else
                {
                    leaderIds[u - _userIds.Length] = id;
                }

                var userName = staff ? Invariant($"staff{u:000}") : Invariant($"leader{u - _userIds.Length + 1}");
                await writer.StartRowAsync(ct);
                await writer.WriteAsync(id, NpgsqlDbType.Text, ct);
                await writer.WriteAsync(staff ? Invariant($"业务员 {u:000}") : Invariant($"领导 {u - _userIds.Length + 1}"), NpgsqlDbType.Varchar, ct);
                if (staff)
                {
                    await writer.WriteAsync((u / OwnersPerDepartment) + 1, NpgsqlDbType.Integer, ct);
                }
                else
                {
                    await writer.WriteNullAsync(ct);
                }

                await writer.WriteAsync(false, NpgsqlDbType.Boolean, ct);
                await writer.WriteAsync(_now.AddYears(-7), NpgsqlDbType.TimestampTz, ct);
                await writer.WriteAsync(userName, NpgsqlDbType.Varchar, ct);
                await writer.WriteAsync(userName.ToUpperInvariant(), NpgsqlDbType.Varchar, ct);
                await writer.WriteAsync(false, NpgsqlDbType.Boolean, ct);
                await writer.WriteAsync(NewId(_now, random).ToString("N"), NpgsqlDbType.Text, ct);
                await writer.WriteAsync(NewId(_now, random).ToString(), NpgsqlDbType.Text, ct);
                await writer.WriteAsync(false, NpgsqlDbType.Boolean, ct);
                await writer.WriteAsync(false, NpgsqlDbType.Boolean, ct);
                await writer.WriteAsync(true, NpgsqlDbType.Boolean, ct);
                await writer.WriteAsync(0, NpgsqlDbType.Integer, ct);
            }

            await writer.CompleteAsync(ct);
        }

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

            foreach (var leader in leaderIds)
            {
                await writer.WriteRowAsync(ct, leader, roleIds[Roles.Leader]);
            }

            await writer.CompleteAsync(ct);
        }

        return _userIds.Length + leaderIds.Length;
    }

    private async Task<(int Key, int Regular, int Other, int Without)> WriteClientsAsync(NpgsqlConnection connection, CancellationToken ct)
    {
        var random = new Random(2);
        var n = size.Clients;
        _clientIds = new Guid[n];
        _clientCountries = new string[n];
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

        await using var writer = await connection.BeginBinaryImportAsync(
            """
            COPY "Clients" ("Id", "Type", "LegalForm", "Name", "NormalizedName", "CountryCode", "Region", "Industry", "EmployeeCount",
                "YearEstablished", "CreditRating", "OperatingStatus", "DemandTrend", "CooperationIntent", "OwnerId", "DepartmentId", "Status",
                "RegisteredAt", "UpdatedAt", "CardReviewedAt", "Grade", "LastContactOn") FROM STDIN (FORMAT BINARY)
            """, ct);
        for (var i = 0; i < n; i++)
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
            var name = Invariant($"{NameStems[random.Next(NameStems.Length)]} {Industries[random.Next(Industries.Length)]} {country.Code} {i:000000}");
            var (status, credit, operating, demand, intent) = Card(profile, _projectCount[i] > 0, random);
            var updated = registered.AddDays(random.Next(0, Math.Max(1, (int)(_now - registered).TotalDays)));
            var owner = random.Next(_userIds.Length);

            await writer.StartRowAsync(ct);
            await writer.WriteAsync(_clientIds[i], NpgsqlDbType.Uuid, ct);
            await writer.WriteAsync(random.NextDouble() < 0.8 ? (int)ClientType.Employer : (int)ClientType.Intermediary, NpgsqlDbType.Integer, ct);
            await writer.WriteAsync(random.NextDouble() < 0.9 ? (int)LegalForm.Company : random.Next(2, 5), NpgsqlDbType.Integer, ct);
            await writer.WriteAsync(name, NpgsqlDbType.Varchar, ct);
            await writer.WriteAsync(Client.NormalizeName(name), NpgsqlDbType.Varchar, ct);
            await writer.WriteAsync(country.Code, NpgsqlDbType.Char, ct);
            await writer.WriteAsync((int)country.Region, NpgsqlDbType.Integer, ct);
            await writer.WriteAsync((int)Industries[random.Next(Industries.Length)], NpgsqlDbType.Integer, ct);
            await writer.WriteAsync(random.Next(20, 5000), NpgsqlDbType.Integer, ct);
            await writer.WriteAsync(random.Next(1960, 2020), NpgsqlDbType.Integer, ct);
            await writer.WriteAsync((int)credit, NpgsqlDbType.Integer, ct);
            await writer.WriteAsync((int)operating, NpgsqlDbType.Integer, ct);
            await writer.WriteAsync((int)demand, NpgsqlDbType.Integer, ct);
            await writer.WriteAsync((int)intent, NpgsqlDbType.Integer, ct);
            await writer.WriteAsync(_userIds[owner], NpgsqlDbType.Varchar, ct);
            await writer.WriteAsync((owner / OwnersPerDepartment) + 1, NpgsqlDbType.Integer, ct);
            await writer.WriteAsync((int)status, NpgsqlDbType.Integer, ct);
            await writer.WriteAsync(registered, NpgsqlDbType.TimestampTz, ct);
            await writer.WriteAsync(updated, NpgsqlDbType.TimestampTz, ct);
            await writer.WriteAsync(updated, NpgsqlDbType.TimestampTz, ct);
            await writer.WriteAsync(3, NpgsqlDbType.Integer, ct);
            if (random.NextDouble() < 0.9)
            {
                await writer.WriteAsync(today.AddDays(-random.Next(0, 240)), NpgsqlDbType.Date, ct);
            }
            else
            {
                await writer.WriteNullAsync(ct);
            }
        }

        await writer.CompleteAsync(ct);
        _profiles = profiles;
        return (profiles.Count(p => p == ClientProfile.Key), profiles.Count(p => p == ClientProfile.Regular),
            profiles.Count(p => p == ClientProfile.Other), _projectCount.Count(c => c == 0));
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
        var random = new Random(3);
        _projects = new ProjectFacts[size.Projects];
        int contracted = 0, running = 0;
        await using var writer = await connection.BeginBinaryImportAsync(
            """
            COPY "CooperationProjects" ("Id", "ClientId", "Name", "JobTypes", "WorkCountryCode", "WorkersRequested", "WorkersDispatched",
                "ContractAmount", "Currency", "AmountCny", "RateUsed", "RateDate", "ContractSignedOn", "DepartureOn", "ContractEndOn",
                "Status", "CreatedAt", "UpdatedAt") FROM STDIN (FORMAT BINARY)
            """, ct);
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

                var contractedNow = p.Status >= ProjectStatus.Recruiting;
                contracted += contractedNow ? 1 : 0;
                running += p.Status is ProjectStatus.Dispatched or ProjectStatus.InService ? 1 : 0;
                // A batch ended early without an end date on record stopped some time after departure.
                var until = p.End ?? (p.Status == ProjectStatus.Terminated ? Min(p.Departure!.Value.AddDays(90), today) : today);
                _projects[_firstProject[c] + k] = new ProjectFacts(id, p.Departure, until, p.Dispatched);

                var country = random.NextDouble() < 0.8 ? _clientCountries[c]
                    : Countries.All[random.Next(Countries.All.Count)].Code;
                await writer.StartRowAsync(ct);
                await writer.WriteAsync(id, NpgsqlDbType.Uuid, ct);
                await writer.WriteAsync(_clientIds[c], NpgsqlDbType.Uuid, ct);
                await writer.WriteAsync(Invariant($"{country} {p.Signed:yyyy-MM} batch {k + 1}"), NpgsqlDbType.Varchar, ct);
                await writer.WriteAsync(Industries[random.Next(Industries.Length)].ToString(), NpgsqlDbType.Varchar, ct);
                await writer.WriteAsync(country, NpgsqlDbType.Char, ct);
                await writer.WriteAsync(p.Requested, NpgsqlDbType.Integer, ct);
                await writer.WriteAsync(p.Dispatched, NpgsqlDbType.Integer, ct);
                if (random.NextDouble() < 0.9)
                {
                    var (currency, rate) = Currencies[random.Next(Currencies.Length)];
                    var cnyPerWorker = random.Next(30_000, 90_000);
                    var amount = decimal.Round(p.Requested * cnyPerWorker / rate, 2);
                    await writer.WriteAsync(amount, NpgsqlDbType.Numeric, ct);
                    await writer.WriteAsync(currency, NpgsqlDbType.Varchar, ct);
                    await writer.WriteAsync(decimal.Round(amount * rate, 2, MidpointRounding.AwayFromZero), NpgsqlDbType.Numeric, ct);
                    await writer.WriteAsync(rate, NpgsqlDbType.Numeric, ct);
                    await writer.WriteAsync(new DateOnly(p.Signed.Year, p.Signed.Month, 1), NpgsqlDbType.Date, ct);
                }
                else
                {
                    for (var skip = 0; skip < 5; skip++)
                    {
                        await writer.WriteNullAsync(ct);
                    }
                }

                await WriteDateAsync(writer, contractedNow ? p.Signed : null, ct);
                await WriteDateAsync(writer, p.Departure, ct);
                await WriteDateAsync(writer, p.End, ct);
                await writer.WriteAsync((int)p.Status, NpgsqlDbType.Integer, ct);
                await writer.WriteAsync(created, NpgsqlDbType.TimestampTz, ct);
                await writer.WriteAsync(updated, NpgsqlDbType.TimestampTz, ct);
            }
        }

        await writer.CompleteAsync(ct);
        return (contracted, running);
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
        var random = new Random(4);
        int open = 0, openArrears = 0;
        await using var writer = await connection.BeginBinaryImportAsync(
            """
            COPY "WorkerIncidents" ("Id", "ProjectId", "ClientId", "Type", "OccurredOn", "WorkersAffected", "Description", "Status",
                "ResolvedOn", "RecordedAt", "UpdatedAt") FROM STDIN (FORMAT BINARY)
            """, ct);
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
            open += status != IncidentStatus.Resolved ? 1 : 0;
            openArrears += status != IncidentStatus.Resolved && type == IncidentType.WageArrears ? 1 : 0;

            await writer.StartRowAsync(ct);
            await writer.WriteAsync(NewId(recorded, random), NpgsqlDbType.Uuid, ct);
            await writer.WriteAsync(project.Id, NpgsqlDbType.Uuid, ct);
            await writer.WriteAsync(_clientIds[client], NpgsqlDbType.Uuid, ct);
            await writer.WriteAsync((int)type, NpgsqlDbType.Integer, ct);
            await writer.WriteAsync(occurred, NpgsqlDbType.Date, ct);
            await writer.WriteAsync(random.Next(1, Math.Min(project.Dispatched, 10) + 1), NpgsqlDbType.Integer, ct);
            await writer.WriteAsync(_cipher.Encrypt(Invariant($"{type} reported by the site supervisor, case {n:000000}")), NpgsqlDbType.Bytea, ct);
            await writer.WriteAsync((int)status, NpgsqlDbType.Integer, ct);
            await WriteDateAsync(writer, resolved, ct);
            await writer.WriteAsync(recorded, NpgsqlDbType.TimestampTz, ct);
            await writer.WriteAsync(resolved is { } r ? new DateTimeOffset(r.ToDateTime(new TimeOnly(16, 0)), TimeSpan.Zero) : recorded,
                NpgsqlDbType.TimestampTz, ct);
        }

        await writer.CompleteAsync(ct);
        return (open, openArrears);
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

    private static async Task WriteDateAsync(NpgsqlBinaryImporter writer, DateOnly? value, CancellationToken ct)
    {
        if (value is { } date)
        {
            await writer.WriteAsync(date, NpgsqlDbType.Date, ct);
        }
        else
        {
            await writer.WriteNullAsync(ct);
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
}
