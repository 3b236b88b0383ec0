package dev.logdex.core.plan;

import dev.logdex.core.lex.OwnStatements;
import java.lang.reflect.InvocationHandler;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Method;
import java.lang.reflect.Proxy;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.Statement;

/**
 * A connection through which every statement is sent with {@link OwnStatements#MARKER} in front: one place, so
 * that no query of logdex's can be forgotten. Statements, prepared statements and their SQL all pass through it.
 */
public final class TaggedConnection {
  private TaggedConnection() {}

  /** {@code c}, tagging every SQL text it is given. Closing the result closes {@code c}. */
  public static Connection of(Connection c) {
    if (Proxy.isProxyClass(c.getClass()) && Proxy.getInvocationHandler(c) instanceof Tagging) {
      return c;
    }
    return (Connection) Proxy.newProxyInstance(TaggedConnection.class.getClassLoader(),
        new Class<?>[] {Connection.class}, new Tagging(c));
  }

  /** Tags the SQL argument of every call that takes one, and wraps the statements it hands out. */
  private static final class Tagging implements InvocationHandler {
    private final Object target;

    Tagging(Object target) {
      this.target = target;
    }

    @Override
    public Object invoke(Object proxy, Method m, Object[] args) throws Throwable {
      if (args != null && args.length > 0 && args[0] instanceof String sql && takesSql(m)) {
        args = args.clone();
        args[0] = OwnStatements.tag(sql);
      }
      Object result;
      try {
        result = m.invoke(target, args);
      } catch (InvocationTargetException e) {
        throw e.getCause();
      }
      if (result instanceof Statement s && !(result instanceof PreparedStatement)
          && m.getReturnType() == Statement.class) {
        return Proxy.newProxyInstance(TaggedConnection.class.getClassLoader(), new Class<?>[] {Statement.class},
            new Tagging(s));
      }
      return result;
    }

    /** The JDBC methods whose first String argument is SQL text. */
    private static boolean takesSql(Method m) {
      return switch (m.getName()) {
        case "execute", "executeQuery", "executeUpdate", "executeLargeUpdate", "addBatch", "prepareStatement",
            "prepareCall", "nativeSQL" -> true;
        default -> false;
      };
    }
  }
}
