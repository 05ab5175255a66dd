import java.io.InputStream;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;

import org.neo4j.configuration.GraphDatabaseSettings;
import org.neo4j.configuration.connectors.BoltConnector;
import org.neo4j.configuration.connectors.ConnectorPortRegister;
import org.neo4j.configuration.connectors.ConnectorType;
import org.neo4j.configuration.helpers.SocketAddress;
import org.neo4j.dbms.api.DatabaseManagementService;
import org.neo4j.dbms.api.DatabaseManagementServiceBuilder;
import org.neo4j.kernel.api.procedure.GlobalProcedures;
import org.neo4j.kernel.internal.GraphDatabaseAPI;

/**
 * graphkit's test server: Neo4j Community in this process, Bolt on a free
 * loopback port, authentication on, Graph Data Science loaded from
 * PLUGINS_DIR (its jars also on the class path, as Neo4j's start script puts
 * them) with its procedures unrestricted.
 *
 *   java -cp JARS:PLUGINS:. Launcher HOME_DIR IMPORT_DIR PLUGINS_DIR
 *   (password on stdin's first line)
 *
 * Prints "graphkit-neo4j-port: N" once Bolt accepts connections, then runs
 * until standard input closes (or SIGTERM), and shuts the server down.
 */
public class Launcher {
    public static void main(String[] args) throws Exception {
        Path home = Path.of(args[0]);
        Path imports = Path.of(args[1]);
        Path plugins = Path.of(args[2]);
        InputStream in = System.in;
        String password = readLine(in);
        DatabaseManagementService dbms = new DatabaseManagementServiceBuilder(home)
                .setConfig(BoltConnector.enabled, true)
                .setConfig(BoltConnector.listen_address, new SocketAddress("127.0.0.1", 0))
                .setConfig(GraphDatabaseSettings.auth_enabled, true)
                .setConfig(GraphDatabaseSettings.load_csv_file_url_root, imports)
                .setConfig(GraphDatabaseSettings.plugin_dir, plugins)
                .setConfig(GraphDatabaseSettings.procedure_unrestricted, List.of("gds.*"))
                .setConfig(GraphDatabaseSettings.pagecache_memory, 256L * 1024 * 1024)
                .build();
        Runtime.getRuntime().addShutdownHook(new Thread(dbms::shutdown));
        dbms.database("system").executeTransactionally(
                "ALTER USER neo4j SET PASSWORD $pw CHANGE NOT REQUIRED", Map.of("pw", password));
        GraphDatabaseAPI db = (GraphDatabaseAPI) dbms.database("neo4j");
        db.getDependencyResolver().resolveDependency(GlobalProcedures.class)
                .registerFunction(GdsExtension.Version.class);
        int port = db.getDependencyResolver().resolveDependency(ConnectorPortRegister.class)
                .getLocalAddress(ConnectorType.BOLT).getPort();
        System.out.println("graphkit-neo4j-port: " + port);
        System.out.flush();
        while (in.read() != -1) { /* run until stdin closes */ }
        System.exit(0);  // the shutdown hook stops the server
    }

    private static String readLine(InputStream in) throws Exception {
        StringBuilder sb = new StringBuilder();
        for (int c = in.read(); c != -1 && c != '\n'; c = in.read()) sb.append((char) c);
        return sb.toString().strip();
    }
}
