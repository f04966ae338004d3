using System.Buffers.Binary;
using ClientCrm.IntegrationTests.Infrastructure;
using ClientCrm.Web.Security;
using Microsoft.AspNetCore.Hosting;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.Hosting;

namespace ClientCrm.IntegrationTests.Account;

/// <summary>
/// V11.4: passwords are stored with 210,000 PBKDF2 iterations. The other test classes lower the count
/// (<see cref="CrmAppFactory.PasswordHashIterations"/>, Development only); this one's app has no such setting, as in
/// production.
/// </summary>
public sealed class PasswordHashingTests(PostgresFixture postgres) : AppTest(postgres)
{
    protected override void ConfigureApp(IWebHostBuilder builder) =>
        builder.ConfigureAppConfiguration(c => c.AddInMemoryCollection(new Dictionary<string, string?> { [PasswordHashing.Setting] = null }));

    [Fact]
    public async Task Without_the_setting_a_sign_in_stores_the_password_again_with_210000_iterations()
    {
        // The demo accounts come from the tests' template, hashed with the tests' lower count.
        Assert.Equal(CrmAppFactory.PasswordHashIterations, await StoredIterationsAsync("staff1a"));

        await SignedInAsync("staff1a");

        Assert.Equal(210_000, await StoredIterationsAsync("staff1a"));
    }

    /// <summary>The iteration count written in an Identity v3 hash: format byte 0x01, PRF, then the count, big-endian.</summary>
    private async Task<int> StoredIterationsAsync(string userName)
    {
        var hash = Convert.FromBase64String(await App.WithDbAsync(db => db.Users.Where(u => u.UserName == userName).Select(u => u.PasswordHash!).SingleAsync()));
        Assert.Equal(0x01, hash[0]);
        return checked((int)BinaryPrimitives.ReadUInt32BigEndian(hash.AsSpan(5, 4)));
    }
}

/// <summary>The rule of <see cref="PasswordHashing.Iterations"/>, without an app.</summary>
public sealed class PasswordHashingRuleTests
{
    [Theory]
    [InlineData("Production", null, 210_000)]
    [InlineData("Production", "600000", 600_000)]
    [InlineData("Development", "1000", 1_000)]
    public void The_iteration_count_is_210000_unless_set_and_only_Development_may_set_it_lower(string environment, string? setting, int expected) =>
        Assert.Equal(expected, PasswordHashing.Iterations(Settings(setting), new Environment(environment)));

    [Theory]
    [InlineData("Production", "1000")]
    [InlineData("Staging", "209999")]
    [InlineData("Development", "0")]
    public void A_count_below_210000_outside_Development_or_below_1_anywhere_stops_the_start_up(string environment, string setting)
    {
        var refused = Assert.Throws<InvalidOperationException>(() => PasswordHashing.Iterations(Settings(setting), new Environment(environment)));
        Assert.Contains(PasswordHashing.Setting, refused.Message, StringComparison.Ordinal);
    }

    private static IConfiguration Settings(string? iterations) =>
        new ConfigurationBuilder().AddInMemoryCollection(new Dictionary<string, string?> { [PasswordHashing.Setting] = iterations }).Build();

    private sealed class Environment(string name) : IHostEnvironment
    {
        public string EnvironmentName { get; set; } = name;

        public string ApplicationName { get; set; } = "ClientCrm.Web";

        public string ContentRootPath { get; set; } = AppContext.BaseDirectory;

        public Microsoft.Extensions.FileProviders.IFileProvider ContentRootFileProvider { get; set; } =
            new Microsoft.Extensions.FileProviders.NullFileProvider();
    }
}
