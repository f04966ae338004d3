using ClientCrm.IntegrationTests.Infrastructure;

namespace ClientCrm.IntegrationTests.Admin;

/// <summary>SPEC §1: the admin manages accounts and sees no client data; nobody else reaches the admin pages.</summary>
public sealed class AdminAccessTests(PostgresFixture postgres) : AppTest(postgres)
{
    [Theory]
    [InlineData("/Clients")]
    [InlineData("/Clients/Create")]
    [InlineData("/Audit")]
    public async Task Admin_is_denied_client_data_and_the_audit_log(string url)
    {
        var admin = await SignedInAsync("admin");

        using var response = await admin.GetAsync(url);

        AdminTestData.AssertForbidden(response);
    }

    [Theory]
    [InlineData("staff1a", "/Admin/Users")]
    [InlineData("staff1a", "/Admin/Users/Create")]
    [InlineData("head1", "/Admin/Users")]
    [InlineData("head1", "/Admin/Departments")]
    [InlineData("leader", "/Admin/Users")]
    [InlineData("leader", "/Admin/Departments/Create")]
    public async Task Client_workers_are_denied_the_admin_pages(string userName, string url)
    {
        var user = await SignedInAsync(userName);

        using var response = await user.GetAsync(url);

        AdminTestData.AssertForbidden(response);
    }

    [Fact]
    public async Task Anonymous_visitor_is_sent_to_sign_in_from_the_admin_pages()
    {
        using var response = await Anonymous().GetAsync("/Admin/Users");

        AdminTestData.AssertRedirectsTo(response, "/Account/Login");
    }
}
