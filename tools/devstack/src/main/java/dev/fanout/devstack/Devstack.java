package dev.fanout.devstack;

import java.io.PrintStream;
import java.util.List;
import java.util.concurrent.Callable;

import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/** {@code ./fanout up|down|status|infra} land here. */
@Command(name = "fanout", mixinStandardHelpOptions = true,
        description = "Run Fanout on this machine with only Java.",
        subcommands = { Devstack.Up.class, Devstack.Down.class, Devstack.Status.class, Devstack.Infra.class,
                Devstack.Replay.class })
public class Devstack {

    public static void main(String[] args) {
        int status = new CommandLine(new Devstack())
                .setExecutionExceptionHandler((e, cmd, parse) -> {
                    cmd.getErr().println("error: " + e.getMessage());
                    return 1;
                })
                .execute(args);
        System.exit(status);
    }

    static class ProfileOption {
        @Option(names = "--profile", defaultValue = "dev",
                description = "dev (default), test, or startup (src-native/measure-startup.sh)")
        String profile;

        Stack stack() {
            return new Stack(ProjectLayout.find(), StackProfile.of(profile));
        }
    }

    @Command(name = "up", description = "Start Kafka, PostgreSQL, Redis, the topics and the services.")
    static class Up implements Callable<Integer> {
        @CommandLine.Mixin
        ProfileOption profile = new ProfileOption();

        @Parameters(arity = "0..*", paramLabel = "SERVICE", description = "only these services (default: all)")
        List<String> services;

        @Option(names = "--with-prometheus", description = "also start Prometheus on 127.0.0.1:9090 with the alert "
                + "rules (needs the prometheus binary, e.g. apt-get install prometheus)")
        boolean prometheus;

        @Override
        public Integer call() {
            PrintStream out = System.out;
            Stack stack = profile.stack();
            stack.infraUp(false, out);
            List<ServiceApp> apps = services == null || services.isEmpty() ? ServiceApp.ALL
                    : services.stream().map(ServiceApp::named).toList();
            stack.servicesUp(apps, out);
            if (prometheus) {
                stack.prometheusUp(out);
            }
            out.println();
            out.println("Fanout is up.");
            for (ServiceApp app : apps) {
                out.printf("  %-21s %s   %s%n", app.name(), app.url(stack.profile()), app.summary());
            }
            ServiceApp first = apps.get(0);
            out.printf("  health     %s/q/health/ready   metrics %s/q/metrics%n", first.url(stack.profile()),
                    first.url(stack.profile()));
            out.printf("  OpenAPI    %s/q/openapi   Swagger UI %s/q/swagger-ui%n", first.url(stack.profile()),
                    first.url(stack.profile()));
            out.printf("  Kafka      %s%n", stack.profile().kafkaBootstrap());
            out.println("Logs: ./fanout logs <service>   Stop: ./fanout down");
            return 0;
        }
    }

    @Command(name = "down", description = "Stop exactly what up started.")
    static class Down implements Callable<Integer> {
        @CommandLine.Mixin
        ProfileOption profile = new ProfileOption();

        @Override
        public Integer call() {
            profile.stack().down(System.out);
            return 0;
        }
    }

    @Command(name = "status", description = "What runs, where, and whether it is ready.")
    static class Status implements Callable<Integer> {
        @CommandLine.Mixin
        ProfileOption profile = new ProfileOption();

        @Override
        public Integer call() {
            profile.stack().status(System.out);
            return 0;
        }
    }

    @Command(name = "replay", description = "Rebuild analytics' aggregates side by side from every topic (the "
            + "other replays are ops commands: ./fanout replay <service> --to-earliest ...).")
    static class Replay implements Callable<Integer> {
        @CommandLine.Mixin
        ProfileOption profile = new ProfileOption();

        @Parameters(paramLabel = "SERVICE", description = "analytics")
        String service;

        @Option(names = "--rebuild", required = true, description = "a new generation from the earliest offsets")
        boolean rebuild;

        @Option(names = "--keep-old", description = "keep the old generation's keys after switching")
        boolean keepOld;

        @Override
        public Integer call() {
            if (!service.equals("analytics") && !service.equals("analytics-service")) {
                throw new IllegalArgumentException("--rebuild is for analytics; for " + service + " use ./fanout "
                        + "replay " + service + " --to-earliest|--to-datetime|--shift-by");
            }
            ProjectLayout layout = ProjectLayout.find();
            new AnalyticsRebuild(new Stack(layout, StackProfile.of(profile.profile)), layout, System.out)
                    .run(keepOld);
            return 0;
        }
    }

    @Command(name = "infra", description = "Only the infrastructure: Kafka, PostgreSQL, Redis, database, topics.",
            subcommands = { Infra.InfraUp.class, Infra.InfraDown.class })
    static class Infra {

        @Command(name = "up")
        static class InfraUp implements Callable<Integer> {
            @CommandLine.Mixin
            ProfileOption profile = new ProfileOption();

            @Option(names = "--fresh", description = "start from empty data (broker log, database, Redis db)")
            boolean fresh;

            @Override
            public Integer call() {
                profile.stack().infraUp(fresh, System.out);
                return 0;
            }
        }

        @Command(name = "down")
        static class InfraDown implements Callable<Integer> {
            @CommandLine.Mixin
            ProfileOption profile = new ProfileOption();

            @Override
            public Integer call() {
                profile.stack().down(System.out);
                return 0;
            }
        }
    }
}
