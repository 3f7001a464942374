using Microsoft.EntityFrameworkCore.Infrastructure;
using Microsoft.EntityFrameworkCore.Migrations;

namespace EcoPlan.Core.Data.Migrations;

/// <summary>
/// Notifications.Cause and ResolvedAt: notices resolve themselves when their cause ends. Reminders written before
/// (one per unit and level, never resolved) are marked resolved; the next 催办 run raises them again in the grouped form.
/// </summary>
[DbContext(typeof(EcoPlanDbContext))]
[Migration("20261201010000_NoticeInbox")]
public sealed class NoticeInbox : Migration
{
    protected override void Up(MigrationBuilder migrationBuilder)
    {
        migrationBuilder.AddColumn<string>("Cause", "Notifications", maxLength: 200, nullable: true);
        migrationBuilder.AddColumn<DateTime>("ResolvedAt", "Notifications", nullable: true);
        migrationBuilder.CreateIndex("IX_Notifications_Cause", "Notifications", "Cause");
        migrationBuilder.Sql("""UPDATE "Notifications" SET "ResolvedAt" = "CreatedAt" WHERE "Key" LIKE 'remind:%'""");
    }

    protected override void Down(MigrationBuilder migrationBuilder)
    {
        migrationBuilder.DropIndex("IX_Notifications_Cause", "Notifications");
        migrationBuilder.DropColumn("ResolvedAt", "Notifications");
        migrationBuilder.DropColumn("Cause", "Notifications");
    }
}
