import java.util.Optional;

import org.neo4j.configuration.Config;
import org.neo4j.gds.applications.operations.FeatureTogglesRepository;
import org.neo4j.gds.compat.GdsVersionInfoProvider;
import org.neo4j.gds.core.model.OpenModelCatalog;
import org.neo4j.gds.core.write.NativeExportBuildersProvider;
import org.neo4j.gds.metrics.Metrics;
import org.neo4j.gds.procedures.integration.DefaultExportLocation;
import org.neo4j.gds.procedures.integration.LogAccessor;
import org.neo4j.gds.procedures.integration.OpenGraphDataScienceExtensionBuilder;
import org.neo4j.kernel.api.procedure.GlobalProcedures;
import org.neo4j.kernel.extension.ExtensionFactory;
import org.neo4j.kernel.extension.context.ExtensionContext;
import org.neo4j.kernel.lifecycle.Lifecycle;
import org.neo4j.logging.internal.LogService;
import org.neo4j.procedure.Description;
import org.neo4j.procedure.UserFunction;

/**
 * Graph Data Science (open edition) in graphkit's test server.
 *
 * GDS's procedures (org.neo4j.gds:proc on Maven Central) need a Neo4j
 * extension that registers the component they inject; GDS ships it in its
 * plugin jar only, which is not on Maven Central. This is that extension,
 * built from the published parts (OpenGraphDataScienceExtensionBuilder of
 * procedure-integration) with the open edition's choices: native writes,
 * no metrics, an in-memory model catalogue, no model store. Registered as
 * a service (META-INF/services/org.neo4j.kernel.extension.ExtensionFactory,
 * written by tests/neo4j_server.py); {@link Version} is the gds.version()
 * function the packaging also holds, which the graphdatascience client calls
 * first (the launcher registers it).
 */
public class GdsExtension extends ExtensionFactory<GdsExtension.Dependencies> {
    public GdsExtension() {
        super("graphkit.gds");
    }

    @Override
    public Lifecycle newInstance(ExtensionContext context, Dependencies deps) {
        var log = new LogAccessor().getLog(deps.logService(), getClass());
        var config = deps.config();
        return OpenGraphDataScienceExtensionBuilder.create(
                log, deps.globalProcedures(), config,
                (db, cfg) -> new NativeExportBuildersProvider(),
                new DefaultExportLocation(log, config),
                new FeatureTogglesRepository(),
                Metrics.DISABLED,
                new OpenModelCatalog(),
                model -> {
                    throw new UnsupportedOperationException("no model store in the test server");
                },
                Optional.empty(), Optional.empty(), Optional.empty())
            .getLeft().build();
    }

    public interface Dependencies {
        Config config();

        GlobalProcedures globalProcedures();

        LogService logService();
    }

    /**
     * gds.version(): the version of the GDS jars on the class path. The
     * published jars do not carry it (GdsVersionInfoProvider answers
     * "unknown" outside GDS's packaging), so tests/neo4j_server.py passes
     * the pom's version as the system property graphkit.gds.version.
     */
    public static class Version {
        @UserFunction("gds.version")
        @Description("The version of the Graph Data Science library.")
        public String version() {
            return System.getProperty("graphkit.gds.version",
                    GdsVersionInfoProvider.GDS_VERSION_INFO.gdsVersion());
        }
    }
}
