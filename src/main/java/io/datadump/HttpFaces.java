package io.datadump;

import io.datadump.access.TableLinks;
import io.datadump.access.TableSchemas;
import io.datadump.access.UrlSigner;
import io.datadump.api.AccountDumpCache;
import io.datadump.api.ApiServer;
import io.datadump.api.Authenticator;
import io.datadump.api.ChangesController;
import io.datadump.api.DestinationsController;
import io.datadump.api.DumpController;
import io.datadump.api.DumpSelector;
import io.datadump.api.FileController;
import io.datadump.api.HealthCheck;
import io.datadump.api.JsonResponses;
import io.datadump.api.MetricsController;
import io.datadump.api.OpenApiController;
import io.datadump.api.RouteGroup;
import io.datadump.api.RunsController;
import io.datadump.api.SchemaController;
import io.datadump.api.TableRequests;
import io.datadump.dump.DumpFiles;
import io.datadump.formats.Representations;
import io.datadump.portal.AccessPage;
import io.datadump.portal.DestinationsPage;
import io.datadump.portal.DownloadPages;
import io.datadump.portal.HistoryPages;
import io.datadump.portal.OverviewPages;
import io.datadump.portal.Pages;
import io.datadump.portal.PortalController;
import io.datadump.portal.PortalSessions;
import io.datadump.portal.SchemaPage;
import io.datadump.portal.SignInPages;
import io.datadump.portal.SignedIn;
import io.datadump.schema.RowSchemas;
import java.time.Clock;
import java.util.List;
import java.util.Optional;

/** The HTTP half of the composition root: the API's controllers and the portal, built from the {@link App}'s parts. */
final class HttpFaces {
    private HttpFaces() {}

    static ApiServer wire(
            App app,
            AccountDumpCache accountDumpCache,
            PortalSessions portalSessions,
            Representations representations,
            DumpFiles dumpFiles,
            RowSchemas rowSchemas,
            Clock clock) {
        UrlSigner signer = UrlSigner.fromConfig(
                app.config().api().signingSecret(), app.config().home());
        JsonResponses responses = new JsonResponses(app.json());
        Authenticator auth = new Authenticator(app.apiKeys(), accountDumpCache);
        DumpSelector selector = new DumpSelector(
                app.runs(),
                account -> app.scheduler()
                        .scheduledAt(account.id())
                        .orElseGet(() -> app.scheduler().nextRun(account)));
        TableLinks links = new TableLinks(
                representations,
                app.storage(),
                signer,
                app.config().api().urlTtl(),
                app.config().api().publicUrl(),
                app.audit(),
                clock);
        TableSchemas tableSchemas = new TableSchemas(app.catalog(), app.customFields(), rowSchemas, app.source());
        TableRequests tables = new TableRequests(app.catalog());
        DumpController dumps =
                new DumpController(auth, selector, app.catalog(), tables, representations, links, responses);
        PortalController portal = portal(app, portalSessions, links, representations, tableSchemas, clock);
        return new ApiServer(
                new HealthCheck(app.database().dataSource(), responses),
                dumps,
                new RunsController(
                        auth, app.scheduler(), app.runs(), app.config().api().onDemandMinInterval(), responses),
                new FileController(app.storage(), signer, app.audit(), clock),
                new ChangesController(auth, selector, tables, dumpFiles),
                new SchemaController(auth, selector, tables, tableSchemas, responses),
                new OpenApiController(app.catalog(), app.source(), rowSchemas, responses),
                new MetricsController(app.metrics(), app.config().api().metricsToken()),
                new DestinationsController(auth, app.destinations(), responses),
                List.<RouteGroup>of(portal::routes),
                app.metrics(),
                responses);
    }

    /** The portal: its pages, each built from what it shows. */
    private static PortalController portal(
            App app,
            PortalSessions sessions,
            TableLinks links,
            Representations representations,
            TableSchemas schemas,
            Clock clock) {
        Pages pages = new Pages();
        SignedIn signedIn = new SignedIn(sessions, app.accounts());
        Optional<String> publicUrl = app.config().api().publicUrl();
        return new PortalController(
                new SignInPages(sessions, app.apiKeys(), app.accounts(), pages, publicUrl),
                new OverviewPages(
                        signedIn,
                        app.runs(),
                        app.scheduler(),
                        app.catalog(),
                        pages,
                        app.config().api().onDemandMinInterval(),
                        clock),
                new DownloadPages(signedIn, app.runs(), links, representations, app.catalog(), pages, publicUrl),
                new HistoryPages(signedIn, app.runs(), app.catalog(), pages),
                new SchemaPage(signedIn, app.runs(), app.catalog(), schemas, pages),
                new AccessPage(signedIn, app.audit(), app.catalog(), clock, pages),
                new DestinationsPage(signedIn, app.destinations(), app.deliveries(), app.runs(), app.catalog(), pages));
    }
}
